using Airadcr.Dicom.Charsets;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// PS3.15 Annex E's Basic Application Level Confidentiality Profile with <see cref="DeidentificationOptions"/>,
/// driven by the generated Table E.1-1. Pseudonyms (UIDs, Patient ID, Accession Number) and the date shift are keyed
/// by <c>projectSecret</c>: the same original and secret always give the same replacement, across files, series,
/// studies and runs. Pixel data is copied bit for bit (compressed or not) unless a Clean Pixel Data rule applies.
/// </summary>
public sealed class DicomDeidentifier(DeidentificationOptions options, ReadOnlyMemory<byte> projectSecret)
{
    private readonly KeyedPseudonyms _keys = new(projectSecret.Length >= 16
        ? projectSecret.ToArray()
        : throw new ArgumentException("The project secret must be at least 16 bytes.", nameof(projectSecret)));

    public DeidentificationOptions Options { get; } = options;

    /// <summary>De-identifies one instance; never mutates <paramref name="file"/>. The result's values may be views
    /// of the input's: keep the input open until the result is written.</summary>
    /// <exception cref="DeidentificationRefusedException">The instance may carry identifiers the profile cannot remove.</exception>
    public DeidentificationResult Deidentify(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var source = file.Dataset;
        var hasPixels = source.Contains(DicomTag.PixelData);
        var rectangles = hasPixels ? BurnedInAnnotationPolicy.Rectangles(source, Options.CleanPixelRules) : [];
        if (BurnedInAnnotationPolicy.Risk(source) is { } risk && rectangles.Count == 0)
        {
            throw new DeidentificationRefusedException(hasPixels
                ? $"refused: {risk}, and no Clean Pixel Data rule (modality, manufacturer, rows, columns) covers it"
                : $"refused: {risk}, and it has no pixel data a Clean Pixel Data rule could clean");
        }

        if (CleansText && !source.Charset.IsUtf8 && source.Contains(DicomTag.SpecificCharacterSet))
        {
            // Cleaned text is written as UTF-8: the whole data set moves to ISO_IR 192 first (on a copy).
            source = CopyTree(source);
            DicomUtf8Converter.ConvertToUtf8(source);
        }

        var instance = new InstanceDeidentifier(source, Options, _keys);
        var output = instance.Deidentify(source);
        var syntax = file.TransferSyntax;
        if (rectangles.Count > 0)
        {
            syntax = PixelDataCleaner.Clean(output, syntax, rectangles);
            output.Add(DicomTag.BurnedInAnnotation, DicomVR.CS, "NO");
        }

        DeidentificationMethod.Record(output, Options, pixelsCleaned: rectangles.Count > 0);
        var meta = DicomFileWriter.BuildMeta(new DicomDataset(), output, syntax);
        return new DeidentificationResult(new DicomFile(output, meta), instance.Pseudonyms);
    }

    /// <summary>
    /// Reads <paramref name="inputPath"/>, writes the de-identified file to <paramref name="outputPath"/> (through
    /// "OUT.part", renamed when complete) and returns the pseudonyms. On any failure no output is left.
    /// </summary>
    public IReadOnlyList<Pseudonym> DeidentifyFile(string inputPath, string outputPath)
    {
        var output = Path.GetFullPath(outputPath);
        var temporary = output + ".part";
        using var input = DicomFile.Open(inputPath);
        var result = Deidentify(input);
        try
        {
            result.File.Save(temporary, result.File.TransferSyntax);
            File.Move(temporary, output, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return result.Pseudonyms;
    }

    private bool CleansText => Options.CleanDescriptors || Options.CleanGraphics || Options.CleanStructuredContent
                               || Options.RetainPatientCharacteristics;

    private static DicomDataset CopyTree(DicomDataset dataset) =>
        new(dataset.Select(item => item is DicomSequence s ? new DicomSequence(s.Tag, s.Items.Select(CopyTree)) : item));
}
