using Airadcr.Audit;

namespace Airadcr.DicomGateway.Publishing;

/// <summary>
/// The publishing policy's changes and each sign or reject decision (done, refused as a conflict, or for an unknown
/// study) in the gateway's audit chain, committed before the answer. Studies by keyed hash; a rejection's reason is not
/// kept here (it may name the patient: the ReportApi seals it with the report), only its length.
/// </summary>
public sealed class PublicationAudit(AuditTrail trail, AuditSubjects subjects)
{
    public Task PolicyChangedAsync(string actor, string from, string to, CancellationToken cancellationToken) =>
        trail.RecordAsync(new AuditEvent(actor, "publish-policy-changed", "setting:publish-policy", $"{from} -> {to}"), cancellationToken);

    /// <param name="decision"><see cref="StudyPublications.Signed"/> or <see cref="StudyPublications.Rejected"/>.</param>
    public Task DecidedAsync(string actor, string decision, string studyUid, StudyPublications.DecisionResult result,
        CancellationToken cancellationToken, int? reasonLength = null) =>
        trail.RecordAsync(new AuditEvent(actor, decision == StudyPublications.Signed ? "ai-results-signed" : "ai-results-rejected",
            subjects.Study(studyUid), result.Outcome switch
            {
                StudyPublications.Outcome.Done => $"ai results {result.State}" + (reasonLength is { } length ? $", reason of {length} characters" : ""),
                StudyPublications.Outcome.NotFound => "refused: unknown study",
                _ => $"refused (409): {result.Reason}",
            }), cancellationToken);
}
