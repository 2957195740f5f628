namespace Airadcr.Testing;

/// <summary>An independent implementation's lossless compressor for one transfer syntax (dcmtk or GDCM), and the
/// storescu option that proposes that syntax (null when storescu has none: it proposes SV1 for JPEG Lossless), to send
/// what it wrote as written.</summary>
public sealed record ExternalEncoder(string Syntax, string TransferSyntaxUid, string Tool, string AptPackage, string[] Options, string? StorescuProposal)
{
    public static ExternalEncoder Rle { get; } = new("RLE Lossless", "1.2.840.10008.1.2.5", "dcmcrle", DcmtkTools.AptPackage, [], "-xr");

    public static ExternalEncoder JpegLosslessSv1 { get; } = new("JPEG Lossless SV1", "1.2.840.10008.1.2.4.70", "dcmcjpeg", DcmtkTools.AptPackage, ["+e1"], "-xs");

    public static ExternalEncoder JpegLossless { get; } = new("JPEG Lossless (SV 6)", "1.2.840.10008.1.2.4.57", "dcmcjpeg", DcmtkTools.AptPackage, ["+el", "+sv", "6"], null);

    public static ExternalEncoder JpegLsLossless { get; } = new("JPEG-LS Lossless", "1.2.840.10008.1.2.4.80", "dcmcjpls", DcmtkTools.AptPackage, ["+el"], "-xt");

    public static ExternalEncoder Jpeg2000Lossless { get; } = new("JPEG 2000 Lossless", "1.2.840.10008.1.2.4.90", "gdcmconv", "libgdcm-tools", ["--j2k"], "-xv");

    /// <summary>The lossless syntaxes PACS and modalities send most.</summary>
    public static IReadOnlyList<ExternalEncoder> Lossless { get; } = [Rle, JpegLosslessSv1, JpegLossless, JpegLsLossless, Jpeg2000Lossless];

    /// <summary>Those storescu can send as written.</summary>
    public static IReadOnlyList<ExternalEncoder> Sendable { get; } = [.. Lossless.Where(e => e.StorescuProposal is not null)];

    public static ExternalEncoder Named(string syntax) => Lossless.Single(e => e.Syntax == syntax);

    public async Task EncodeAsync(string input, string output, CancellationToken cancellationToken) =>
        (await ExternalTool.RunAsync(Tool, AptPackage, [.. Options, input, output], cancellationToken)).EnsureSuccess();

    public override string ToString() => Syntax;
}

/// <summary>Sends files the way a PACS full of compressed studies would: file i compressed by the i-th encoder
/// storescu can send (round robin), one storescu run per syntax proposing only it, so each arrives as the encoder wrote
/// it or not at all. (dcmsend -dn, which proposes any file's syntax, gets its association aborted by Orthanc.)</summary>
public static class CompressedStore
{
    /// <summary>Returns each source file with the encoder its sent copy went through.</summary>
    public static async Task<IReadOnlyList<(string File, ExternalEncoder Encoder)>> SendAsync(IReadOnlyList<string> files,
        string workDirectory, string calledAe, int port, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var sent = files.Select((file, i) => (File: file, Encoder: ExternalEncoder.Sendable[i % ExternalEncoder.Sendable.Count])).ToList();
        foreach (var group in sent.Select((s, i) => (s.File, s.Encoder, i)).GroupBy(x => x.Encoder))
        {
            var compressed = new List<string>();
            foreach (var (file, encoder, i) in group)
            {
                var output = Path.Combine(workDirectory, $"{i:D4}-{encoder.Tool}.dcm");
                await encoder.EncodeAsync(file, output, cancellationToken);
                compressed.Add(output);
            }

            (await DcmtkTools.StoreAsync(calledAe, port, compressed, cancellationToken, options: [group.Key.StorescuProposal!, "-R"])).EnsureSuccess();
        }

        return sent;
    }
}
