using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Json;
using Airadcr.Dicom.Text;
using Airadcr.Dicom.Validation;

namespace Airadcr.Fuzzing.Targets;

/// <summary>A target whose input is read as DICOM data: malformed encoding and malformed values are the readers'
/// documented rejections.</summary>
internal abstract class DatasetTarget : FuzzTarget
{
    /// <summary>The readers' defaults with a 16 MiB inflate bound instead of 1 GiB, so that one execution stays
    /// fast and small (the inflate bound itself is issue 20 item 1).</summary>
    protected static DicomReadOptions ReadOptions { get; } = new() { MaxInflatedLength = 16 << 20 };

    protected override bool IsRejection(Exception e) => e is DicomFormatException or DicomValueException;

    /// <summary>What consumers do with a dataset that parsed: every value is decoded (dump, DICOM JSON, the CLI's
    /// validation) and the whole dataset is encoded again.</summary>
    protected static void Consume(DicomDataset dataset)
    {
        DicomDumpWriter.Write(TextWriter.Null, dataset);
        _ = DicomValidator.Validate(dataset);
        _ = DicomJsonWriter.ToJson(dataset);
        try
        {
            _ = DicomDatasetWriter.ToArray(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        }
        catch (InvalidOperationException)
        {
            // Documented: encapsulated pixel data cannot be written in a native syntax.
        }
    }
}
