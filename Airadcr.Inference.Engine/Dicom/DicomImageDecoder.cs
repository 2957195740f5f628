using Airadcr.Dicom.Imaging;
using System.Numerics;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Engine.Dicom;

/// <summary>
/// DICOM Part 10 instances (read by Airadcr.Dicom) -> decoded frames with their geometry: Image Position/Orientation
/// (Patient), Pixel Spacing (Imager Pixel Spacing for projection images), per-frame positions of enhanced
/// multi-frame objects. Instances without Pixel Data yield no frame.
/// </summary>
public sealed class DicomImageDecoder : IImageDecoder
{
    public IReadOnlyList<DecodedImage> Decode(ReadOnlyMemory<byte> instance)
    {
        try
        {
            using var file = DicomFile.Read(instance);
            var dataset = file.Dataset;
            if (!dataset.Contains(DicomTag.SOPInstanceUID))
            {
                throw new ImageDecodeException("not a DICOM instance (no SOP Instance UID)");
            }

            if (!dataset.Contains(DicomTag.PixelData))
            {
                return [];
            }

            var frames = MonochromeFrames.Read(dataset, file.TransferSyntax);
            var geometry = FrameGeometry.Of(dataset, frames.Count);
            var (study, series, sop) = (Uid(dataset, DicomTag.StudyInstanceUID), Uid(dataset, DicomTag.SeriesInstanceUID), Uid(dataset, DicomTag.SOPInstanceUID));
            var modality = dataset.GetStringOrDefault(DicomTag.Modality, "OT")!;
            var (rows, columns) = (dataset.GetValue<int>(DicomTag.Rows), dataset.GetValue<int>(DicomTag.Columns));
            return frames.Select((pixels, f) => new DecodedImage(
                study, series, sop, f + 1, modality, rows, columns,
                geometry.RowSpacing, geometry.ColumnSpacing, geometry.RowDirection, geometry.ColumnDirection,
                geometry.Positions[f], pixels)).ToList();
        }
        catch (Exception e) when (e is DicomFormatException or DicomValueException or DicomPixelModuleException or EndOfStreamException or InvalidDataException
            or ArgumentException or NotSupportedException or IndexOutOfRangeException)
        {
            throw new ImageDecodeException(e.Message, e);
        }
    }

    private static string Uid(DicomDataset dataset, DicomTag tag) =>
        dataset.GetStringOrDefault(tag) is { Length: > 0 } uid ? uid : throw new ImageDecodeException($"{tag} is missing");

    private sealed record FrameGeometry(float RowSpacing, float ColumnSpacing, Vector3 RowDirection, Vector3 ColumnDirection, IReadOnlyList<Vector3> Positions)
    {
        public static FrameGeometry Of(DicomDataset dataset, int frames)
        {
            var shared = FunctionalGroup(dataset, DicomTag.SharedFunctionalGroupsSequence, 0);
            var spacing = Numbers(shared, DicomTag.PixelMeasuresSequence, DicomTag.PixelSpacing)
                ?? Numbers(dataset, DicomTag.PixelSpacing) ?? Numbers(dataset, DicomTag.ImagerPixelSpacing) ?? [1, 1];
            var orientation = Numbers(shared, DicomTag.PlaneOrientationSequence, DicomTag.ImageOrientationPatient)
                ?? Numbers(dataset, DicomTag.ImageOrientationPatient) ?? [1, 0, 0, 0, 1, 0];
            if (spacing.Length < 2 || orientation.Length < 6)
            {
                throw new ImageDecodeException("Pixel Spacing needs 2 values and Image Orientation (Patient) 6");
            }

            var rowDirection = new Vector3((float)orientation[0], (float)orientation[1], (float)orientation[2]);
            var columnDirection = new Vector3((float)orientation[3], (float)orientation[4], (float)orientation[5]);
            var normal = Vector3.Cross(rowDirection, columnDirection);
            var origin = ToVector(Numbers(dataset, DicomTag.ImagePositionPatient)) ?? Vector3.Zero;
            var step = (float)(Numbers(dataset, DicomTag.SpacingBetweenSlices)?[0] ?? Numbers(dataset, DicomTag.SliceThickness)?[0] ?? 1);
            var positions = Enumerable.Range(0, frames)
                .Select(f => ToVector(Numbers(FunctionalGroup(dataset, DicomTag.PerFrameFunctionalGroupsSequence, f), DicomTag.PlanePositionSequence, DicomTag.ImagePositionPatient))
                    ?? origin + (normal * step * f))
                .ToList();
            return new FrameGeometry((float)spacing[0], (float)spacing[1], rowDirection, columnDirection, positions);
        }

        private static DicomDataset? FunctionalGroup(DicomDataset dataset, DicomTag sequence, int index) =>
            dataset.TryGetSequence(sequence, out var groups) && groups.Items.Count > index ? groups.Items[index] : null;

        private static double[]? Numbers(DicomDataset? dataset, DicomTag macro, DicomTag tag) =>
            dataset is not null && dataset.TryGetSequence(macro, out var items) && items.Items.Count > 0 ? Numbers(items.Items[0], tag) : null;

        private static double[]? Numbers(DicomDataset? dataset, DicomTag tag) =>
            dataset is not null && dataset.TryGetElement(tag, out var e) && e.Count > 0 ? e.GetValues<double>() : null;

        private static Vector3? ToVector(double[]? v) => v is { Length: >= 3 } ? new Vector3((float)v[0], (float)v[1], (float)v[2]) : null;
    }
}
