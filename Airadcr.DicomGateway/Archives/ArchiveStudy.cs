using System.Globalization;
using System.Text.Json;
using Airadcr.Dicom;

namespace Airadcr.DicomGateway.Archives;

/// <summary>A study as one archive describes it (a C-FIND or QIDO-RS match). Absent attributes are null.</summary>
public sealed record ArchiveStudy(
    string StudyInstanceUid,
    string? PatientName,
    string? PatientId,
    string? AccessionNumber,
    string? StudyDate,
    string? StudyDescription,
    string? ModalitiesInStudy,
    int? NumberOfStudyRelatedInstances)
{
    /// <summary>From a C-FIND pending response's identifier; null when it carries no Study Instance UID (a malformed match).</summary>
    public static ArchiveStudy? FromIdentifier(DicomDataset identifier)
    {
        var uid = Text(identifier.GetStringOrDefault(DicomTag.StudyInstanceUID));
        if (uid is null)
        {
            return null;
        }
        return new ArchiveStudy(uid, Text(identifier.GetStringOrDefault(DicomTag.PatientName)), Text(identifier.GetStringOrDefault(DicomTag.PatientID)),
            Text(identifier.GetStringOrDefault(DicomTag.AccessionNumber)), Text(identifier.GetStringOrDefault(DicomTag.StudyDate)),
            Text(identifier.GetStringOrDefault(DicomTag.StudyDescription)), Text(identifier.GetStringOrDefault(DicomTag.ModalitiesInStudy)),
            int.TryParse(identifier.GetStringOrDefault(DicomTag.NumberOfStudyRelatedInstances)?.Trim(), CultureInfo.InvariantCulture, out var count) ? count : null);
    }

    /// <summary>From one object of a QIDO-RS answer (PS3.18 DICOM JSON); null when it has no Study Instance UID.</summary>
    public static ArchiveStudy? FromDicomJson(JsonElement study)
    {
        var uid = JsonText(study, "0020000D");
        if (uid is null)
        {
            return null;
        }
        return new ArchiveStudy(uid, JsonText(study, "00100010"), JsonText(study, "00100020"), JsonText(study, "00080050"), JsonText(study, "00080020"),
            JsonText(study, "00081030"), JsonText(study, "00080061"),
            int.TryParse(JsonText(study, "00201208"), CultureInfo.InvariantCulture, out var count) ? count : null);
    }

    /// <summary>The values of one attribute of a DICOM JSON object, joined with <c>\</c> (a person name by its alphabetic form).</summary>
    private static string? JsonText(JsonElement study, string tag)
    {
        if (study.ValueKind != JsonValueKind.Object || !study.TryGetProperty(tag, out var attribute) || attribute.ValueKind != JsonValueKind.Object
            || !attribute.TryGetProperty("Value", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var parts = values.EnumerateArray().Select(value => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Object when value.TryGetProperty("Alphabetic", out var alphabetic) && alphabetic.ValueKind == JsonValueKind.String => alphabetic.GetString(),
            _ => null,
        }).Where(part => part is not null);
        return Text(string.Join('\\', parts));
    }

    private static string? Text(string? value) => value?.Trim('\0', ' ') is { Length: > 0 } trimmed ? trimmed : null;
}
