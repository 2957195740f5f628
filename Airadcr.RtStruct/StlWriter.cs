using System.Buffers.Binary;
using System.Text;

namespace Airadcr.RtStruct;

/// <summary>Binary STL: an 80-byte header, the triangle count, then per triangle its unit normal and three vertices
/// (float32, patient coordinates in mm, LPS) and a zero attribute word; triangles anticlockwise seen from outside.</summary>
internal static class StlWriter
{
    public static void Write(string path, TriangleMesh mesh, string description)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var header = new byte[84];
        Encoding.ASCII.GetBytes(description.Length > 80 ? description[..80] : description, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(80), (uint)mesh.TriangleCount);
        file.Write(header);
        var buffer = new byte[50 * 1024];
        var used = 0;
        for (var t = 0; t < mesh.Triangles.Length; t += 3)
        {
            var (a, b, c) = mesh.Corners(t);
            var n = Vector.Cross(b - a, c - a);
            var length = n.Length;
            n = length > 0 ? n * (1 / length) : n;
            var span = buffer.AsSpan(used, 50);
            Put(span, 0, n);
            Put(span, 12, a);
            Put(span, 24, b);
            Put(span, 36, c);
            span[48] = 0;
            span[49] = 0;
            used += 50;
            if (used == buffer.Length)
            {
                file.Write(buffer);
                used = 0;
            }
        }

        file.Write(buffer, 0, used);
    }

    private static void Put(Span<byte> span, int offset, Vector v)
    {
        BinaryPrimitives.WriteSingleLittleEndian(span[offset..], (float)v.X);
        BinaryPrimitives.WriteSingleLittleEndian(span[(offset + 4)..], (float)v.Y);
        BinaryPrimitives.WriteSingleLittleEndian(span[(offset + 8)..], (float)v.Z);
    }
}
