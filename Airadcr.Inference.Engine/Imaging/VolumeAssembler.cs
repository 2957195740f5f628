using System.Numerics;

namespace Airadcr.Inference.Engine.Imaging;

/// <summary>
/// Stacks decoded frames into volumes: one volume per series and plane geometry, ordered along the plane normal.
/// Projection modalities (CR, DX, MG...) become one single-plane volume per frame.
/// </summary>
public static class VolumeAssembler
{
    private static readonly HashSet<string> CrossSectional = new(StringComparer.OrdinalIgnoreCase) { "CT", "MR", "PT", "NM" };

    public static IReadOnlyList<ImageVolume> Assemble(IEnumerable<DecodedImage> images)
    {
        var volumes = new List<ImageVolume>();
        foreach (var group in images.GroupBy(StackKey))
        {
            var frames = group.ToList();
            if (!CrossSectional.Contains(frames[0].Modality))
            {
                volumes.AddRange(frames.Select(f => Build([f])));
                continue;
            }

            var normal = Vector3.Cross(frames[0].RowDirection, frames[0].ColumnDirection);
            volumes.Add(Build(frames.OrderBy(f => Vector3.Dot(f.Position, normal)).ThenBy(f => f.Frame).ToList()));
        }

        return volumes;
    }

    private static string StackKey(DecodedImage image) => string.Join('|',
        image.SeriesInstanceUid, image.Modality, image.Rows, image.Columns,
        Round(image.RowSpacingMm), Round(image.ColumnSpacingMm),
        Round(image.RowDirection.X), Round(image.RowDirection.Y), Round(image.RowDirection.Z),
        Round(image.ColumnDirection.X), Round(image.ColumnDirection.Y), Round(image.ColumnDirection.Z));

    private static string Round(float value) => MathF.Round(value, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static ImageVolume Build(IReadOnlyList<DecodedImage> frames)
    {
        var first = frames[0];
        return new ImageVolume(
            first.StudyInstanceUid, first.SeriesInstanceUid, first.Modality, first.Rows, first.Columns,
            first.RowSpacingMm, first.ColumnSpacingMm, first.RowDirection, first.ColumnDirection,
            frames.Select(f => new SliceGeometry(f.SopInstanceUid, f.Frame, f.Position)).ToList(),
            frames.Select(f => f.Pixels).ToList());
    }
}
