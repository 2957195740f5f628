using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Server;

/// <summary>Answers each proposed presentation context: Verification always, other abstract syntaxes as the handler
/// allows, choosing the requestor's first proposed transfer syntax that the handler accepts (the requestor lists its
/// preferred, usually the data's own, syntax first: pass-through without transcoding). Only valid IDs are answered
/// (PS3.8 9.3.2.2: odd, 1..255, unique): an even ID or a repeat of an earlier one (a requestor that proposed more than
/// 128 contexts and wrapped around) is left out of the A-ASSOCIATE-AC.</summary>
internal static class PresentationContextNegotiator
{
    public static IReadOnlyList<PresentationContextResult> Negotiate(IReadOnlyList<PresentationContextProposal> proposals,
        IDicomServiceHandler handler)
    {
        var results = new List<PresentationContextResult>(proposals.Count);
        var answered = new HashSet<byte>();
        foreach (var proposal in proposals.Where(p => p.Id % 2 == 1 && answered.Add(p.Id)))
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
