namespace Airadcr.Dicom;

/// <summary>Byte swapping of binary values between big- and little-endian.</summary>
public static class DicomByteOrder
{
    /// <summary>A copy of <paramref name="data"/> with every <paramref name="size"/>-byte value reversed.</summary>
    public static byte[] ToLittleEndian(ReadOnlySpan<byte> data, int size)
    {
        var result = data.ToArray();
        Swap(result, size);
        return result;
    }

    /// <summary>Reverses every <paramref name="size"/>-byte value in place (a trailing partial value is left as is).</summary>
    public static void Swap(Span<byte> data, int size)
    {
        if (size <= 1)
        {
            return;
        }

        for (var i = 0; i + size <= data.Length; i += size)
        {
            data.Slice(i, size).Reverse();
        }
    }
}
