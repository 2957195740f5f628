namespace Airadcr.DicomGateway.Research;

// The research API's bodies (Research/README.md is the contract the Web reads).

/// <summary><c>POST /admin/research/projects</c>: exactly one of <see cref="StudyInstanceUids"/> and <see cref="Query"/>.</summary>
public sealed record CreateProjectRequest(string? Name, string? Profile, IReadOnlyList<string>? StudyInstanceUids, ProjectQuery? Query,
    IReadOnlyList<string>? Members);

/// <summary>Studies the gateway holds that match every given field (dates inclusive, <c>YYYYMMDD</c> once normalised).</summary>
public sealed record ProjectQuery(string? Modality, string? From, string? To, string? FindingType);

public sealed record ProjectCreated(string Id);

public sealed record StudyCounts(int Pending, int Done, int Failed);

public sealed record ResearchProject(string Id, string Name, string Profile, IReadOnlyList<string> Members, StudyCounts Studies,
    ProjectQuery? Query, DateTimeOffset CreatedAt);

public sealed record MembersRequest(IReadOnlyList<string>? Members);

public sealed record RunStarted(string Id, StudyCounts Studies);

/// <summary>A study of a project as researchers see it: pseudonymous keys and the de-identified copy's values only.</summary>
public sealed record ResearchStudyRow(string? StudyKey, string? PatientPseudonym, string? Modality, string? StudyDate, int SeriesCount,
    int InstanceCount, int FindingsCount, string State, string? Error);

public sealed record ExportStarted(string ExportId);

public sealed record ExportProgress(string State, int FilesDone, int FilesTotal, long Bytes, string? Error);

public sealed record ReidentifyRequest(string? Pseudonym, string? Reason, string? Actor);

public sealed record Reidentified(string Kind, string Original);

/// <summary>A finding of the gateway's analysis, with the research copy's keys in place of the original UIDs.</summary>
public sealed record ResearchFinding(int Number, string Label, string Code, string Scheme, double Confidence, string Model, string ModelVersion,
    ResearchFindingLocation Location);

public sealed record ResearchFindingLocation(string? SeriesKey, string? SopKey, int Frame, int X, int Y, int Width, int Height, int FirstPlane,
    int LastPlane);

/// <summary>States of a project's study and of a research file.</summary>
public static class ResearchStates
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";
}
