namespace Airadcr.RtStruct;

/// <summary>Measures of a <see cref="RoiMask"/>: voxel count, volume (each slice's voxels x pixel area x its slab),
/// volume-weighted centroid and bounding box of voxel centres in patient coordinates, slices with a voxel.</summary>
internal sealed record MaskMeasures(long VoxelCount, double VolumeMm3, Vector Centroid, Vector Min, Vector Max, int SliceCount)
{
    public static MaskMeasures? Of(RoiMask mask, ImageGrid grid)
    {
        long count = 0;
        double volume = 0, si = 0, sj = 0, sk = 0;
        int minI = int.MaxValue, maxI = -1, minJ = int.MaxValue, maxJ = -1, minK = int.MaxValue, maxK = -1, slices = 0;
        var plane = mask.NI * mask.NJ;
        for (var kk = 0; kk < mask.NK; kk++)
        {
            var voxels = mask.Voxels.AsSpan(kk * plane, plane);
            if (!voxels.ContainsAnyExcept((byte)0))
            {
                continue;
            }

            long sliceCount = 0;
            double sliceI = 0, sliceJ = 0;
            for (var jj = 0; jj < mask.NJ; jj++)
            {
                var row = voxels.Slice(jj * mask.NI, mask.NI);
                var first = row.IndexOf((byte)1);
                if (first < 0)
                {
                    continue;
                }

                var last = row.LastIndexOf((byte)1);
                minI = Math.Min(minI, first);
                maxI = Math.Max(maxI, last);
                minJ = Math.Min(minJ, jj);
                maxJ = Math.Max(maxJ, jj);
                for (var ii = first; ii <= last; ii++)
                {
                    if (row[ii] != 0)
                    {
                        sliceCount++;
                        sliceI += ii;
                        sliceJ += jj;
                    }
                }
            }

            var thickness = grid.SliceThicknesses[mask.K0 + kk];
            var weight = grid.PixelArea * thickness;
            count += sliceCount;
            volume += sliceCount * weight;
            si += sliceI * weight;
            sj += sliceJ * weight;
            sk += sliceCount * weight * grid.SliceOffsets[mask.K0 + kk];
            minK = Math.Min(minK, kk);
            maxK = Math.Max(maxK, kk);
            slices++;
        }

        if (count == 0)
        {
            return null;
        }

        var centroid = grid.Origin + grid.RowDirection * ((mask.I0 + si / volume) * grid.ColumnSpacing)
                       + grid.ColumnDirection * ((mask.J0 + sj / volume) * grid.RowSpacing) + grid.Normal * (sk / volume);
        var corners = Enumerable.Range(0, 8).Select(c => grid.ToPatient(
            mask.I0 + ((c & 1) == 0 ? minI : maxI), mask.J0 + ((c & 2) == 0 ? minJ : maxJ), mask.K0 + ((c & 4) == 0 ? minK : maxK))).ToArray();
        return new MaskMeasures(count, volume, centroid,
            new Vector(corners.Min(v => v.X), corners.Min(v => v.Y), corners.Min(v => v.Z)),
            new Vector(corners.Max(v => v.X), corners.Max(v => v.Y), corners.Max(v => v.Z)), slices);
    }
}
