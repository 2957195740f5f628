using Airadcr.Reporting.Sr;
using Airadcr.Web.Audit;

namespace Airadcr.Web.Measurements;

/// <summary>
/// The measurements readers saved into a study (for the next reader, in the editor): every SR of the study in Orthanc
/// not made by AIRADCR, read as TID 1500, each with who stored it through the Web (the <c>save-measurements</c>
/// audit entry naming its instance's keyed hash).
/// </summary>
public sealed class ReaderMeasurements(OrthancDicomWeb orthanc, AuditLog audit)
{
    private const int AuditEntriesSearched = 1000;

    public async Task<IReadOnlyList<ReaderMeasurement>> ListAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        if (!orthanc.IsConfigured)
        {
            return [];
        }
        var reports = (await orthanc.StructuredReportsAsync(studyInstanceUid, cancellationToken))
            .Where(report => !AiradcrInstances.IsOurs(report)).ToList();
        if (reports.Count == 0)
        {
            return [];
        }
        var study = audit.StudySubject(studyInstanceUid);
        var saves = (await audit.LatestAsync(AuditActions.SaveMeasurements, AuditEntriesSearched, cancellationToken))
            .Where(entry => entry.Subject == study && entry.Detail?.StartsWith("stored ", StringComparison.Ordinal) == true)
            .ToList();
        return [.. reports.SelectMany(report =>
        {
            var instance = audit.InstanceSubject(report.GetStringOrDefault(Dicom.DicomTag.SOPInstanceUID) ?? "");
            var savedBy = saves.FirstOrDefault(entry => entry.Detail!.Contains(instance, StringComparison.Ordinal))?.Actor;
            return ReaderMeasurementReader.Read(report, savedBy);
        })];
    }
}
