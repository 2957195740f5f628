using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// PS3.15 Annex E's Basic Application Level Confidentiality Profile with <see cref="DeidentificationOptions"/>,
/// driven by the generated Table E.1-1. Pseudonyms (UIDs, Patient ID,
/// Accession Number) and the date shift are keyed by <c>projectSecret</c>: the same original and secret always give
/// the same replacement, across files, series, studies and runs.
/// </summary>
public sealed class DicomDeidentifier(DeidentificationOptions options, ReadOnlyMemory<byte> projectSecret)
{
    private readonly byte[] _secret = projectSecret.Length >= 16
        ? projectSecret.ToArray()
        : throw new ArgumentException("The project secret must be at least 16 bytes.", nameof(projectSecret));

    public DeidentificationOptions Options { get; } = options;

    /// <summary>De-identifies one instance; never mutates <paramref name="file"/>.</summary>
    /// <exception cref="DeidentificationRefusedException">The instance may carry identifiers the profile cannot remove.</exception>
    public DeidentificationResult Deidentify(DicomFile file) => throw new NotImplementedException();

    /// <summary>
    /// Reads <paramref name="inputPath"/>, writes the de-identified file to <paramref name="outputPath"/> (through
    /// "OUT.part", renamed when complete) and returns the pseudonyms. On any failure no output is left.
    /// </summary>
    public IReadOnlyList<Pseudonym> DeidentifyFile(string inputPath, string outputPath) => throw new NotImplementedException();
}
