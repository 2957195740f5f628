using System.Buffers.Binary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg2000;

/// <summary>The image and tile size of a JPEG 2000 codestream's SIZ marker segment (ISO 15444-1 A.5.1), read before
/// OpenJPEG sees the data, so that a frame whose codestream disagrees with the Image Pixel module, or declares an
/// absurd tile grid, is refused before the library allocates for it. DICOM stores raw codestreams (starting with SOC,
/// FF4F); some writers store JP2 files, whose contiguous codestream box (jp2c) holds it.</summary>
internal sealed record Jpeg2000Header(
    bool IsJp2, long Width, long Height, long Tiles, int Components, int Precision, bool Signed, bool Subsampled)
{
    /// <summary>More tiles than this in one frame is refused (OpenJPEG allocates a tile header for each up front).</summary>
    public const long MaxTiles = 4096;

    private static ReadOnlySpan<byte> Jp2Signature => [0, 0, 0, 12, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    public static Jpeg2000Header Read(ReadOnlySpan<byte> data)
    {
        var isJp2 = data.StartsWith(Jp2Signature);
        var offset = isJp2 ? FindCodestream(data) : 0;
        var siz = data[offset..];
        if (siz.Length < 4 || siz[0] != 0xFF || siz[1] != 0x4F || siz[2] != 0xFF || siz[3] != 0x51)
        {
            throw new DicomFormatException("not a JPEG 2000 codestream (no SOC and SIZ markers at its start)", offset);
        }

        siz = siz[4..];
        if (siz.Length < 38)
        {
            throw new DicomFormatException("JPEG 2000 SIZ marker segment truncated", offset);
        }

        long x1 = U32(siz, 4), y1 = U32(siz, 8), x0 = U32(siz, 12), y0 = U32(siz, 16);
        long tileWidth = U32(siz, 20), tileHeight = U32(siz, 24), tileX0 = U32(siz, 28), tileY0 = U32(siz, 32);
        int components = BinaryPrimitives.ReadUInt16BigEndian(siz[36..]);
        if (components == 0 || siz.Length < 38 + 3 * components || x1 <= x0 || y1 <= y0 || tileWidth == 0 || tileHeight == 0
            || tileX0 > x0 || tileY0 > y0)
        {
            throw new DicomFormatException("JPEG 2000 SIZ marker segment is invalid (image, tile or component values)", offset);
        }

        var precision = (siz[38] & 0x7F) + 1;
        var signed = (siz[38] & 0x80) != 0;
        var subsampled = false;
        for (var c = 0; c < components; c++)
        {
            var ssiz = siz[38 + 3 * c];
            subsampled |= siz[39 + 3 * c] != 1 || siz[40 + 3 * c] != 1;
            if ((ssiz & 0x7F) + 1 != precision || ((ssiz & 0x80) != 0) != signed)
            {
                throw new DicomFormatException("JPEG 2000 components of different precision or sign are not supported", offset);
            }
        }

        var tiles = DivideUp(x1 - tileX0, tileWidth) * DivideUp(y1 - tileY0, tileHeight); // B.3
        return new Jpeg2000Header(isJp2, x1 - x0, y1 - y0, tiles, components, precision, signed, subsampled);
    }

    /// <summary>Throws <see cref="DicomFormatException"/> unless the codestream holds exactly the frame the module
    /// describes: same width, height and number of samples, unsubsampled, with a precision its container holds.
    /// Signedness may differ (some writers get it wrong; samples are stored as the container's bits either way).</summary>
    public void CheckAgainst(DicomImageInfo info)
    {
        if (Width != info.Columns || Height != info.Rows || Components != info.SamplesPerPixel)
        {
            throw new DicomFormatException(
                $"JPEG 2000 codestream is {Width} x {Height} with {Components} component(s) but the Image Pixel module says {info.Columns} x {info.Rows} with {info.SamplesPerPixel} sample(s)", 0);
        }

        if (Precision > info.BitsAllocated || Precision > 16)
        {
            throw new DicomFormatException(
                $"JPEG 2000 codestream has {Precision}-bit samples, more than the {Math.Min(16, info.BitsAllocated)} bits supported in a {info.BitsAllocated}-bit container", 0);
        }

        if (Subsampled)
        {
            throw new DicomFormatException("JPEG 2000 codestream has subsampled components, which DICOM does not allow", 0);
        }

        if (Tiles > MaxTiles)
        {
            throw new DicomFormatException($"JPEG 2000 codestream declares {Tiles} tiles, more than the {MaxTiles} accepted in one frame", 0);
        }
    }

    private static long DivideUp(long a, long b) => (a + b - 1) / b;

    private static long U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32BigEndian(s[at..]);

    /// <summary>The offset of the jp2c box's content among the top-level boxes (ISO 15444-1 I.4).</summary>
    private static int FindCodestream(ReadOnlySpan<byte> data)
    {
        long at = 0;
        while (at + 8 <= data.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)at..]);
            var type = BinaryPrimitives.ReadUInt32BigEndian(data[((int)at + 4)..]);
            var header = 8;
            if (length == 1 && at + 16 <= data.Length)
            {
                length = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(data[((int)at + 8)..]), long.MaxValue);
                header = 16;
            }
            else if (length == 0)
            {
                length = data.Length - at;
            }

            if (type == 0x6A703263)
            {
                return (int)at + header;
            }

            if (length < header)
            {
                break;
            }

            at += length;
        }

        throw new DicomFormatException("JP2 file without a contiguous codestream box (jp2c)", at);
    }
}
