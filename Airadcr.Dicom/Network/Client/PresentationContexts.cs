using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.Dicom.Network.Client;

/// <summary>Builds the presentation contexts a requestor proposes.</summary>
public static class PresentationContexts
{
    public static readonly IReadOnlyList<string> Uncompressed = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian];

    /// <summary>A growing proposal list; context ids are the odd numbers 1..255 in order.</summary>
    public sealed class Builder
    {
        private readonly List<PresentationContextProposal> _proposals = [];

        public Builder Add(string abstractSyntax, params IEnumerable<string> transferSyntaxes)
        {
            if (_proposals.Count >= 128)
            {
                throw new InvalidOperationException("An association carries at most 128 presentation contexts.");
            }

            _proposals.Add(new PresentationContextProposal((byte)(_proposals.Count * 2 + 1), abstractSyntax, [.. transferSyntaxes.Distinct()]));
            return this;
        }

        public IReadOnlyList<PresentationContextProposal> Build() => _proposals;
    }

    public static IReadOnlyList<PresentationContextProposal> Verification() =>
        new Builder().Add(DicomUids.Verification, Uncompressed).Build();

    /// <summary>Per SOP class of the instances: one context for each of their own transfer syntaxes (alone, so that
    /// an acceptor cannot pick another from it), plus one with Explicit and Implicit VR Little Endian as the fallback
    /// the issue asks for (an uncompressed file is then transcoded).</summary>
    public static IReadOnlyList<PresentationContextProposal> ForStorage(IEnumerable<(string SopClassUid, string TransferSyntaxUid)> instances)
    {
        var builder = new Builder();
        foreach (var sopClass in instances.GroupBy(i => i.SopClassUid, i => i.TransferSyntaxUid))
        {
            foreach (var syntax in sopClass.Distinct().Where(ts => !Uncompressed.Contains(ts)))
            {
                builder.Add(sopClass.Key, [syntax]);
            }

            builder.Add(sopClass.Key, Uncompressed);
        }

        return builder.Build();
    }
}
