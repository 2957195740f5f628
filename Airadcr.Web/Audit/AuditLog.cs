using Airadcr.Audit;

namespace Airadcr.Web.Audit;

/// <summary>
/// The Web's side of its audit chain (<see cref="AuditTrail"/> in webdb): records sign-ins, report views, signatures,
/// downloads, viewer and DICOMweb access, admin changes; lists the newest entries for the admin page. Reports and
/// studies are named by their keyed hash (<see cref="AuditSubjects"/>), never in clear.
/// </summary>
public sealed class AuditLog(AuditTrail trail, AuditSubjects subjects)
{
    /// <summary>Appends and waits for the commit (an admin change or a signature is recorded before it is shown done).</summary>
    public Task RecordAsync(string actor, string action, string? target, string? detail, CancellationToken cancellationToken) =>
        trail.RecordAsync(new AuditEvent(actor, action, target, detail), cancellationToken);

    /// <summary>An action on a report, named by the keyed hash of its technical id.</summary>
    public Task RecordReportAsync(string actor, string action, string technicalId, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(actor, action, subjects.Report(technicalId), detail, cancellationToken);

    /// <summary>Access to a study's images (viewer, DICOMweb proxy): queued, the request does not wait.</summary>
    public void RecordStudyAccess(string actor, string action, string? studyInstanceUid, string? detail) =>
        trail.Record(new AuditEvent(actor, action, studyInstanceUid is null ? null : subjects.Study(studyInstanceUid), detail));

    /// <summary>An action on a study, named by its keyed hash; appended and committed before the caller answers.</summary>
    public Task RecordStudyAsync(string actor, string action, string? studyInstanceUid, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(actor, action, studyInstanceUid is null ? null : subjects.Study(studyInstanceUid), detail, cancellationToken);

    /// <summary>The keyed hashes of SOP Instance UIDs, as <see cref="AuditActions.SaveMeasurements"/> entries name the SR stored.</summary>
    public string InstanceSubject(string sopInstanceUid) => subjects.Instance(sopInstanceUid);

    /// <summary>The keyed hash of a study, as entries name it.</summary>
    public string StudySubject(string studyInstanceUid) => subjects.Study(studyInstanceUid);

    public Task<IReadOnlyList<AuditEntry>> LatestAsync(string? action, int count, CancellationToken cancellationToken) =>
        trail.Store.LatestAsync(action, count, cancellationToken);
}

/// <summary>Audit action names.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string ViewReport = "view-report";
    public const string ViewWorklist = "view-worklist";
    public const string SaveDraft = "save-draft";
    public const string Sign = "sign";
    public const string PostApprovedReport = "post-approved-report";
    public const string DownloadPdf = "download-pdf";
    public const string Upload = "upload";
    public const string OpenViewer = "open-viewer";
    public const string DicomWebRequest = "dicomweb-request";
    public const string SaveMeasurements = "save-measurements";
    public const string CreateApiKey = "create-api-key";
    public const string RevokeApiKey = "revoke-api-key";
    public const string CreateUser = "create-user";
    public const string ChangeRoles = "change-roles";
    public const string ChangeAllowlist = "change-calling-aes";
    public const string RisNavigation = "ris-navigation";
    public const string ExportAuditHead = "export-audit-head";
    public const string VerifyAudit = "verify-audit";
    public const string ImportedEntry = "imported";
    public const string CreateResearchProject = "create-research-project";
    public const string ChangeResearchMembers = "change-research-members";
    public const string RunResearchProject = "run-research-project";
    public const string DeleteResearchProject = "delete-research-project";
    public const string Reidentify = "reidentify";
    public const string ViewResearchProject = "view-research-project";
    public const string StartResearchExport = "start-research-export";
    public const string DownloadResearchExport = "download-research-export";
    public const string CompareArchives = "compare-archives";
    public const string SyncArchives = "sync-archives";
    public const string CancelArchiveSync = "cancel-archive-sync";
    public const string RejectAiResults = "reject-ai-results";
    public const string ChangePublishPolicy = "change-publish-policy";
}
