using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Server;

/// <summary>Answers each proposed presentation context: Verification always, other abstract syntaxes as the handler
/// allows, choosing the first transfer syntax in the handler's preference order that the requestor proposed.</summary>
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

            var chosen = acceptable.FirstOrDefault(proposal.TransferSyntaxes.Contains);
            results.Add(chosen is null
                ? new(proposal.Id, PresentationContextOutcome.TransferSyntaxesNotSupported, proposal.TransferSyntaxes[0])
                : new(proposal.Id, PresentationContextOutcome.Acceptance, chosen));
        }

        return results;
    }
}
