namespace Airadcr.Dicom.Network.Storage;

/// <summary>How large a received data set may become on disk, as received or once inflated (Deflated Explicit VR
/// Little Endian): past <see cref="MaxLength"/> the store fails with <see cref="DataSetTooLargeException"/> (0xA700).</summary>
public sealed record DataSetLimits
{
    public static DataSetLimits None { get; } = new();

    /// <summary>Bytes of data set allowed (the Part 10 header not counted).</summary>
    public long MaxLength { get; init; } = long.MaxValue;

    /// <summary>Asked before each <see cref="SpaceCheckInterval"/> bytes are written while inflating, with that many
    /// bytes: throws an <see cref="IOException"/> when the storage cannot take them (0xA700).</summary>
    public Action<long>? EnsureSpace { get; init; }

    public long SpaceCheckInterval { get; init; } = 16 << 20;
}

/// <summary>A received data set is larger than <see cref="DataSetLimits.MaxLength"/>; answered 0xA700 (out of resources).</summary>
public sealed class DataSetTooLargeException(long maxLength)
    : IOException($"the data set is larger than the {maxLength} bytes allowed")
{
    public long MaxLength { get; } = maxLength;
}
