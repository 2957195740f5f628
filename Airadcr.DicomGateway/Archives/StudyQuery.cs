using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Airadcr.Dicom;

namespace Airadcr.DicomGateway.Archives;

/// <summary>
/// The criteria of a federated study search: patient name (DICOM wildcards <c>*</c> and <c>?</c>), patient id,
/// accession number, study date range (<c>yyyyMMdd</c> or <c>yyyy-MM-dd</c>, either end open), modality in study;
/// the page wanted and the per-archive timeout. Empty criteria match every study.
/// </summary>
public sealed record StudyQuery(
    string? PatientName = null,
    string? PatientId = null,
    string? AccessionNumber = null,
    string? StudyDateFrom = null,
    string? StudyDateTo = null,
    string? ModalitiesInStudy = null,
    int Page = 1,
    int PageSize = 50,
    int? TimeoutMs = null)
{
    public const int MaxPageSize = 500;
    public const int MinTimeoutMs = 100;
    public const int MaxTimeoutMs = 300_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The first thing wrong with the query (message and field), or null.</summary>
    public ArchiveValidation.ArchiveProblem? Problem() => this switch
    {
        { PatientName: { } name } when !IsText(name, 64) => new("patientName must be at most 64 characters, no backslash or control character", "patientName"),
        { PatientId: { } id } when !IsText(id, 64) => new("patientId must be at most 64 characters, no backslash or control character", "patientId"),
        { AccessionNumber: { } accession } when !IsText(accession, 16) => new("accessionNumber must be at most 16 characters", "accessionNumber"),
        { StudyDateFrom: { } from } when from.Trim().Length > 0 && Date(from) is null => new("studyDateFrom must be a date (yyyyMMdd or yyyy-MM-dd)", "studyDateFrom"),
        { StudyDateTo: { } to } when to.Trim().Length > 0 && Date(to) is null => new("studyDateTo must be a date (yyyyMMdd or yyyy-MM-dd)", "studyDateTo"),
        { StudyDateFrom: { } from, StudyDateTo: { } to } when Date(from) is { } start && Date(to) is { } end && string.CompareOrdinal(start, end) > 0 =>
            new("studyDateFrom must not be after studyDateTo", "studyDateFrom"),
        { ModalitiesInStudy: { Length: > 0 } modality } when modality.Length > 16 || !modality.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') =>
            new("modalitiesInStudy must be one modality code (e.g. CT)", "modalitiesInStudy"),
        { Page: < 1 } => new("page starts at 1", "page"),
        { PageSize: < 1 or > MaxPageSize } => new($"pageSize must be 1-{MaxPageSize}", "pageSize"),
        { TimeoutMs: < MinTimeoutMs or > MaxTimeoutMs } => new($"timeoutMs must be {MinTimeoutMs}-{MaxTimeoutMs}", "timeoutMs"),
        _ => null,
    };

    /// <summary>The C-FIND study-root identifier at STUDY level: the criteria, and the attributes returned.</summary>
    public DicomDataset Identifier() => new DicomDataset()
        .Add(DicomTag.QueryRetrieveLevel, "STUDY")
        .Add(DicomTag.StudyInstanceUID, "")
        .Add(DicomTag.PatientName, Value(PatientName))
        .Add(DicomTag.PatientID, Value(PatientId))
        .Add(DicomTag.AccessionNumber, Value(AccessionNumber))
        .Add(DicomTag.StudyDate, DateRange() ?? "")
        .Add(DicomTag.ModalitiesInStudy, Value(ModalitiesInStudy))
        .Add(DicomTag.StudyDescription, "")
        .Add(DicomTag.NumberOfStudyRelatedInstances, "");

    /// <summary>The QIDO-RS query string of <c>GET {base}/studies</c> (PS3.18 10.6), at most <paramref name="limit"/> results.</summary>
    public string QidoQuery(int limit)
    {
        var query = new StringBuilder("?limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in new[]
                 {
                     ("PatientName", Value(PatientName)), ("PatientID", Value(PatientId)), ("AccessionNumber", Value(AccessionNumber)),
                     ("StudyDate", DateRange(closed: true) ?? ""), ("ModalitiesInStudy", Value(ModalitiesInStudy)),
                 })
        {
            if (value.Length > 0)
            {
                query.Append('&').Append(key).Append('=').Append(QidoValue(value));
            }
        }
        foreach (var field in new[] { "StudyDescription", "NumberOfStudyRelatedInstances", "ModalitiesInStudy", "PatientName", "PatientID", "AccessionNumber", "StudyDate" })
        {
            query.Append("&includefield=").Append(field);
        }
        return query.ToString();
    }

    /// <summary>The criteria alone (no paging), normalised: what the audit trail hashes.</summary>
    public string Canonical() => JsonSerializer.Serialize(
        new { p = Value(PatientName), i = Value(PatientId), a = Value(AccessionNumber), d = DateRange() ?? "", m = Value(ModalitiesInStudy) }, Json);

    /// <summary>
    /// A query value with only what a URL cannot carry percent-escaped: wildcards and range dashes stay as they are
    /// (Orthanc 1.10's DICOMweb plugin does not decode percent-escapes in QIDO-RS values: <c>%2A</c> matches nothing).
    /// A person name's <c>^</c>, which the HTTP stack escapes on the way, is sent as the wildcard <c>?</c>:
    /// <see cref="MatchesPatientName"/> then checks the exact pattern on what comes back.
    /// </summary>
    internal static string QidoValue(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var rune in value.Replace('^', '?').EnumerateRunes())
        {
            var part = rune.ToString();
            text.Append(rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "*?-_.~,".Contains((char)rune.Value))
                ? part
                : Uri.EscapeDataString(part));
        }
        return text.ToString();
    }

    /// <summary>Whether a match's patient name fits the query's pattern (DICOM wildcards, case-insensitive as Orthanc matches).</summary>
    public bool MatchesPatientName(string? patientName)
    {
        var pattern = Value(PatientName);
        if (pattern.Length == 0 || pattern == "*")
        {
            return true;
        }
        var regex = "^" + string.Concat(pattern.Select(c => c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) })) + "$";
        return patientName is not null && Regex.IsMatch(patientName, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The DA range (<c>from-to</c>, an end open when not given); <paramref name="closed"/> fills the open end
    /// (Orthanc 1.10's QIDO-RS matches nothing for an open range).</summary>
    private string? DateRange(bool closed = false) => (Date(StudyDateFrom), Date(StudyDateTo)) switch
    {
        (null, null) => null,
        (var from, var to) when from == to => from,
        (var from, var to) when closed => $"{from ?? "00010101"}-{to ?? "99991231"}",
        (var from, var to) => $"{from}-{to}",
    };

    private static string? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return DateOnly.TryParseExact(text.Trim(), ["yyyyMMdd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : null;
    }

    private static string Value(string? text) => text?.Trim() ?? "";

    private static bool IsText(string text, int maxLength) => text.Length <= maxLength && !text.Any(c => c == '\\' || char.IsControl(c));
}
