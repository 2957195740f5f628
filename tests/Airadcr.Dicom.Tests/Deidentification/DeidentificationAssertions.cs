using Airadcr.Dicom.Deidentification;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Deidentification;

internal static class Deid
{
    public static readonly byte[] Secret = "project-secret-for-tests-0123456789"u8.ToArray();

    public static readonly byte[] OtherSecret = "another-project-secret-9876543210"u8.ToArray();

    /// <summary>De-identifies, writes and reads back the output (what a reader of the file would get).</summary>
    public static (DicomFile File, byte[] Bytes, IReadOnlyList<Pseudonym> Pseudonyms) Run(
        DicomDataset dataset, DeidentificationOptions? options = null, byte[]? secret = null, DicomTransferSyntax? syntax = null)
    {
        using var input = Instances.File(dataset, syntax);
        var result = new DicomDeidentifier(options ?? DeidentificationOptions.Basic, secret ?? Secret).Deidentify(input);
        var bytes = DicomFileWriter.ToArray(result.File);
        return (DicomFile.Read(bytes), bytes, result.Pseudonyms);
    }

    public static string? Text(this DicomDataset ds, DicomTag tag) =>
        ds.TryGetElement(tag, out var e) ? e.GetString(ds.Charset) : null;
}
