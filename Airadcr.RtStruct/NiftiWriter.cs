using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Airadcr.RtStruct;

/// <summary>
/// Writes a mask as a gzipped NIfTI-1 single file (<c>.nii.gz</c>): uint8 voxels (1 inside) on the whole image grid,
/// i fastest (columns), then j (rows), then k (slices in ascending order along the normal). The affine (sform and the
/// same as qform, both code 1, scanner) maps voxel (i, j, k) to the DICOM patient point of its centre converted to
/// NIfTI's RAS (x and y negated); slices use the mean spacing (uneven grids are flagged in the summary). The file is
/// a series of gzip members (see <see cref="EmptySliceMember"/>).
/// </summary>
internal static class NiftiWriter
{
    private const int HeaderSize = 348;
    private const int DataOffset = 352;

    public static void Write(string path, RoiMask mask, ImageGrid grid, string description, byte[] emptySliceMember)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write(Member(Header(grid, description)));
        for (var k = 0; k < mask.K0; k++)
        {
            file.Write(emptySliceMember);
        }

        using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
        {
            var plane = new byte[grid.Columns * grid.Rows];
            for (var kk = 0; kk < mask.NK; kk++)
            {
                for (var jj = 0; jj < mask.NJ; jj++)
                {
                    mask.Voxels.AsSpan((kk * mask.NJ + jj) * mask.NI, mask.NI).CopyTo(plane.AsSpan((mask.J0 + jj) * grid.Columns + mask.I0));
                }

                gzip.Write(plane);
                Array.Clear(plane);
            }
        }

        for (var k = mask.K0 + mask.NK; k < grid.Slices; k++)
        {
            file.Write(emptySliceMember);
        }
    }

    /// <summary>
    /// One slice of zeros as a complete gzip member. A gzip file is a series of members (RFC 1952 2.2) that readers
    /// (zlib's gzread, Python's gzip and so nibabel, ITK) decompress one after the other: the header, each empty slice
    /// and the ROI's block of slices are written as separate members, so only the block is compressed per ROI and the
    /// empty slices cost one compression per grid.
    /// </summary>
    public static byte[] EmptySliceMember(ImageGrid grid) => Member(new byte[grid.Columns * grid.Rows]);

    private static byte[] Member(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    /// <summary>The 4x4 voxel -> RAS matrix's first three rows (srow_x, srow_y, srow_z).</summary>
    public static double[][] Affine(ImageGrid grid)
    {
        var columns = new[] { Ras(grid.RowDirection * grid.ColumnSpacing), Ras(grid.ColumnDirection * grid.RowSpacing), Ras(grid.Normal * grid.MeanSliceSpacing) };
        var origin = Ras(grid.Origin);
        return
        [
            [columns[0].X, columns[1].X, columns[2].X, origin.X],
            [columns[0].Y, columns[1].Y, columns[2].Y, origin.Y],
            [columns[0].Z, columns[1].Z, columns[2].Z, origin.Z],
        ];
    }

    private static Vector Ras(Vector lps) => new(-lps.X, -lps.Y, lps.Z);

    private static byte[] Header(ImageGrid grid, string description)
    {
        var h = new byte[DataOffset];
        var s = h.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, HeaderSize);
        h[38] = (byte)'r';
        short[] dims = [3, (short)grid.Columns, (short)grid.Rows, (short)grid.Slices, 1, 1, 1, 1];
        for (var d = 0; d < 8; d++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(40 + 2 * d)..], dims[d]);
        }

        BinaryPrimitives.WriteInt16LittleEndian(s[70..], 2); // DT_UINT8
        BinaryPrimitives.WriteInt16LittleEndian(s[72..], 8); // bitpix
        var (qfac, quaternion) = Quaternion(grid);
        float[] pixdim = [qfac, (float)grid.ColumnSpacing, (float)grid.RowSpacing, (float)grid.MeanSliceSpacing, 0, 0, 0, 0];
        for (var d = 0; d < 8; d++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(s[(76 + 4 * d)..], pixdim[d]);
        }

        BinaryPrimitives.WriteSingleLittleEndian(s[108..], DataOffset);
        BinaryPrimitives.WriteSingleLittleEndian(s[112..], 1); // scl_slope
        h[123] = 2; // xyzt_units: mm
        BinaryPrimitives.WriteSingleLittleEndian(s[124..], 1); // cal_max
        Encoding.ASCII.GetBytes(description.Length > 79 ? description[..79] : description, s.Slice(148, 80));
        BinaryPrimitives.WriteInt16LittleEndian(s[252..], 1); // qform_code: scanner
        BinaryPrimitives.WriteInt16LittleEndian(s[254..], 1); // sform_code: scanner
        var affine = Affine(grid);
        float[] q = [(float)quaternion.B, (float)quaternion.C, (float)quaternion.D, (float)affine[0][3], (float)affine[1][3], (float)affine[2][3]];
        for (var i = 0; i < 6; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(s[(256 + 4 * i)..], q[i]);
        }

        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(s[(280 + 16 * r + 4 * c)..], (float)affine[r][c]);
            }
        }

        "n+1\0"u8.CopyTo(s[344..]);
        return h;
    }

    /// <summary>qfac and the quaternion (b, c, d) of the rotation part, as nifti1_io's mat44_to_quatern computes them.</summary>
    private static (float Qfac, (double B, double C, double D) Quaternion) Quaternion(ImageGrid grid)
    {
        var c0 = Ras(grid.RowDirection);
        var c1 = Ras(grid.ColumnDirection);
        var c2 = Ras(grid.Normal);
        var qfac = Vector.Dot(Vector.Cross(c0, c1), c2) < 0 ? -1f : 1f;
        if (qfac < 0)
        {
            c2 *= -1;
        }

        double r11 = c0.X, r21 = c0.Y, r31 = c0.Z, r12 = c1.X, r22 = c1.Y, r32 = c1.Z, r13 = c2.X, r23 = c2.Y, r33 = c2.Z;
        double a = r11 + r22 + r33 + 1, b, c, d;
        if (a > 0.5)
        {
            a = 0.5 * Math.Sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        }
        else
        {
            double xd = 1 + r11 - (r22 + r33), yd = 1 + r22 - (r11 + r33), zd = 1 + r33 - (r11 + r22);
            if (xd > 1)
            {
                b = 0.5 * Math.Sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            }
            else if (yd > 1)
            {
                c = 0.5 * Math.Sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            }
            else
            {
                d = 0.5 * Math.Sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }

            if (a < 0)
            {
                (b, c, d) = (-b, -c, -d);
            }
        }

        return (qfac, (b, c, d));
    }
}
