using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Network.Client;

/// <summary>A Part 10 file opened for sending: its meta information, and the file positioned at the first byte of
/// the data set, so that the data set goes on the wire as stored, without being parsed.</summary>
internal sealed class Part10Source : IDisposable
{
    private const int HeaderWindow = 64 * 1024;

    private Part10Source(FileStream file, string sopClassUid, string sopInstanceUid, DicomTransferSyntax syntax)
    {
        File = file;
        SopClassUid = sopClassUid;
        SopInstanceUid = sopInstanceUid;
        TransferSyntax = syntax;
    }

    public FileStream File { get; }

    public string SopClassUid { get; }

    public string SopInstanceUid { get; }

    public DicomTransferSyntax TransferSyntax { get; }

    public static async Task<Part10Source> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var window = new byte[(int)Math.Min(HeaderWindow, file.Length)];
            await file.ReadExactlyAsync(window, cancellationToken).ConfigureAwait(false);
            if (window.Length < 132 || !window.AsSpan(128, 4).SequenceEqual("DICM"u8))
            {
                throw new DicomFormatException($"{path} is not a Part 10 file (no DICM at offset 128)", 128);
            }

            var meta = new DicomDataset();
            var parser = new DicomParser(window.AsMemory(132), DicomTransferSyntax.ExplicitVRLittleEndian, DicomReadOptions.Default, 132);
            parser.ParseTopLevel(meta, groupFilter: 0x0002);
            file.Position = 132 + parser.Position;
            return new Part10Source(file, Required(meta, DicomTag.MediaStorageSOPClassUID),
                Required(meta, DicomTag.MediaStorageSOPInstanceUID),
                DicomTransferSyntax.Lookup(Required(meta, DicomTag.TransferSyntaxUID)));
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Required(DicomDataset meta, DicomTag tag) =>
        meta.TryGetElement(tag, out var element) && element.GetString().TrimEnd('\0', ' ') is { Length: > 0 } value
            ? value
            : throw new DicomFormatException($"file meta information lacks {tag}", 132);

    public void Dispose() => File.Dispose();
}
