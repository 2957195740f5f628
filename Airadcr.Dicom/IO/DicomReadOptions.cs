namespace Airadcr.Dicom.IO;

/// <summary>Options of the readers.</summary>
public sealed record DicomReadOptions
{
    public static DicomReadOptions Default { get; } = new();

    /// <summary>Stop before (7FE0,0010) Pixel Data at the top level (header-only read).</summary>
    public bool StopBeforePixelData { get; init; }

    /// <summary>Maximum nesting of sequences; deeper input is a <see cref="DicomFormatException"/>.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Read a dataset without preamble/DICM/meta group, detecting its encoding, when there is no "DICM".</summary>
    public bool AllowMissingPreamble { get; init; } = true;

    /// <summary>Upper bound of the inflated size of a deflated dataset.</summary>
    public long MaxInflatedLength { get; init; } = 1L << 30;

    /// <summary>Files at least this large are memory-mapped instead of read into an array.</summary>
    public long MemoryMapThreshold { get; init; } = 256 * 1024;
}
