using Airadcr.Inference.Engine.Findings;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Processing;

namespace Airadcr.Inference.Engine.Decoding;

/// <summary>Places a region (in model-grid or native pixels) on the volume: instance, frame, pixel and patient coordinates.</summary>
public static class FindingLocator
{
    public static FindingLocation Locate(ImageVolume volume, VoxelRegion region, ModelGrid? grid = null)
    {
        double NativeX(double x) => grid?.ToNativeX(x) ?? x;
        double NativeY(double y) => grid?.ToNativeY(y) ?? y;

        var (cx, cy, cz) = (NativeX(region.CentroidX), NativeY(region.CentroidY), region.CentroidZ);
        var plane = (int)Math.Clamp(Math.Round(cz), 0, volume.Depth - 1);
        var slice = volume.Slices[plane];
        var x0 = Math.Clamp((int)Math.Floor(NativeX(region.MinX - 0.5) + 0.5), 0, volume.Columns - 1);
        var x1 = Math.Clamp((int)Math.Ceiling(NativeX(region.MaxX + 0.5) - 0.5), 0, volume.Columns - 1);
        var y0 = Math.Clamp((int)Math.Floor(NativeY(region.MinY - 0.5) + 0.5), 0, volume.Rows - 1);
        var y1 = Math.Clamp((int)Math.Ceiling(NativeY(region.MaxY + 0.5) - 0.5), 0, volume.Rows - 1);
        return new FindingLocation(
            volume.SeriesInstanceUid,
            slice.SopInstanceUid,
            slice.Frame,
            new PixelPoint(Math.Round(cx, 2), Math.Round(cy, 2)),
            PatientPoint.From(volume.ToPatient((float)cx, (float)cy, (float)cz)),
            new PixelBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1),
            region.MinZ,
            region.MaxZ);
    }
}
