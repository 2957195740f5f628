namespace Airadcr.Dicom.Json;

/// <summary>Options of the DICOM JSON (PS3.18 F) writer and reader.</summary>
public sealed record DicomJsonOptions
{
    public static DicomJsonOptions Default { get; } = new();

    /// <summary>When set, binary values (OB, OW, OD, OF, OL, OV, UN and pixel data) at least
    /// <see cref="BulkDataThreshold"/> bytes long are written as "BulkDataURI" with the URI this returns;
    /// otherwise they are written as "InlineBinary" (base64).</summary>
    public Func<DicomTag, DicomItem, string>? BulkDataUri { get; init; }

    public int BulkDataThreshold { get; init; }

    /// <summary>Indent the output.</summary>
    public bool Indented { get; init; } = true;

    /// <summary>Reader: resolves a BulkDataURI to its bytes; when null the element is read empty.</summary>
    public Func<string, ReadOnlyMemory<byte>>? ResolveBulkData { get; init; }
}
