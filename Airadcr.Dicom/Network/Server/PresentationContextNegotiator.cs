using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Server;

/// <summary>Answers each proposed presentation context: Verification always, other abstract syntaxes as the handler
/// allows, choosing the requestor's first proposed transfer syntax that the handler accepts (the requestor lists its
/// preferred, usually the data's own, syntax first: pass-through without transcoding).</summary>
internal static class PresentationContextNegotiator
{
    public static IReadOnlyList<PresentationContextResult> Negotiate(IReadOnlyList<PresentationContextProposal> proposals,
        IDicomServiceHandler handler)
    {
        var results = new List<PresentationContextResult>(proposals.Count);
        foreach (var proposal in proposals)
        {
            var acceptable = proposal.AbstractSyntax == DicomUids.Verification
                ? [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian]
                : handler.AcceptableTransferSyntaxes(proposal.AbstractSyntax);
            if (acceptable.Count == 0)
            {
                results.Add(new(proposal.Id, PresentationContextOutcome.AbstractSyntaxNotSupported, proposal.TransferSyntaxes[0]));
                continue;
            }

            var chosen = proposal.TransferSyntaxes.FirstOrDefault(acceptable.Contains);
            results.Add(chosen is null
                ? new(proposal.Id, PresentationContextOutcome.TransferSyntaxesNotSupported, proposal.TransferSyntaxes[0])
                : new(proposal.Id, PresentationContextOutcome.Acceptance, chosen));
        }

        return results;
    }
}
