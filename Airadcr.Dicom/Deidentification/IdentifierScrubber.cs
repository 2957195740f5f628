using System.Globalization;
using System.Text.RegularExpressions;

namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// The C (clean) action on free text: removes from a value every identifier the instance itself carries (the
/// patient's name parts, IDs, birth date in the usual spellings, accession number, study ID, physicians' and
/// operators' names, and the institution and station unless their retain options are on), case-insensitively, as whole words.
/// Text that names someone the instance does not name elsewhere cannot be found this way: the option's user
/// accepts that (PS3.15 E.3.5 leaves the cleaning to the implementation).
/// </summary>
internal sealed class IdentifierScrubber
{
    private static readonly DicomTag[] PersonNames =
    [
        DicomTag.PatientName, DicomTag.ReferringPhysicianName, DicomTag.PerformingPhysicianName, DicomTag.OperatorsName,
        DicomTag.NameOfPhysiciansReadingStudy, DicomTag.PhysiciansOfRecord, DicomTag.RequestingPhysician,
    ];

    private static readonly DicomTag[] Identifiers =
    [
        DicomTag.PatientID, DicomTag.OtherPatientIDs, DicomTag.AccessionNumber, DicomTag.StudyID,
        DicomTag.MedicalRecordLocator, DicomTag.AdmissionID,
    ];

    private static readonly string[] DateSpellings = ["yyyyMMdd", "yyyy-MM-dd", "dd/MM/yyyy", "dd.MM.yyyy", "MM/dd/yyyy", "dd-MM-yyyy"];

    private readonly Regex? _pattern;

    public IdentifierScrubber(DicomDataset dataset, DeidentificationOptions options)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in PersonNames)
        {
            foreach (var value in Values(dataset, tag))
            {
                words.Add(value);
                words.Add(value.Replace('^', ' ').Trim());
                foreach (var part in value.Split(['^', '=', ' ', ',']))
                {
                    words.Add(part);
                }
            }
        }

        foreach (var value in Identifiers.SelectMany(tag => Values(dataset, tag)))
        {
            words.Add(value);
        }

        if (!options.RetainInstitutionIdentity)
        {
            words.UnionWith(Values(dataset, DicomTag.InstitutionName));
            words.UnionWith(Values(dataset, DicomTag.InstitutionalDepartmentName));
        }

        if (!options.RetainDeviceIdentity)
        {
            words.UnionWith(Values(dataset, DicomTag.StationName));
        }

        foreach (var birth in Values(dataset, DicomTag.PatientBirthDate))
        {
            if (DateOnly.TryParseExact(birth, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                words.UnionWith(DateSpellings
                    .Select(f => d.ToString(f, CultureInfo.InvariantCulture)));
            }
        }

        var useful = words.Where(w => w.Trim().Length >= 2).Select(w => Regex.Escape(w.Trim()))
            .OrderByDescending(w => w.Length).ToList();
        _pattern = useful.Count == 0 ? null
            : new Regex(@"(?<!\w)(?:" + string.Join('|', useful) + @")(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The text without the identifiers, runs of spaces made one.</summary>
    public string Clean(string text)
    {
        if (_pattern is null)
        {
            return text;
        }

        var cleaned = _pattern.Replace(text, "");
        return Regex.Replace(cleaned, " {2,}", " ", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim();
    }

    private static IEnumerable<string> Values(DicomDataset dataset, DicomTag tag) =>
        dataset.TryGetElement(tag, out var e) ? e.GetStrings(dataset.Charset).Where(v => v.Length > 0) : [];
}
