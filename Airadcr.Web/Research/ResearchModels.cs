using System.Text.Json.Serialization;

namespace Airadcr.Web.Research;

/// <summary>A research project as the gateway lists it (<c>GET /admin/research/projects[/{id}]</c>).</summary>
public sealed record ResearchProject(
    [property: JsonConverter(typeof(ResearchIdConverter))] string Id,
    string Name,
    string Profile,
    IReadOnlyList<string> Members,
    ResearchProgress Studies);

/// <summary>How many of a project's studies are waiting, de-identified, or failed.</summary>
public sealed record ResearchProgress(int Pending, int Done, int Failed)
{
    public int Total => Pending + Done + Failed;
}

/// <summary>What selects a project's studies when no explicit list is given.</summary>
public sealed record ResearchQuery(string? Modality, DateOnly? From, DateOnly? To, string? FindingType);

/// <summary><c>POST /admin/research/projects</c>: either <see cref="StudyInstanceUids"/> or <see cref="Query"/>.</summary>
public sealed record NewResearchProject(
    string Name,
    string Profile,
    IReadOnlyList<string>? StudyInstanceUids,
    ResearchQuery? Query,
    IReadOnlyList<string> Members);

/// <summary><c>PUT .../members</c>: the project's members from now on (account ids).</summary>
public sealed record ResearchMembersChange(IReadOnlyList<string> Members);

public sealed record CreatedResearchProject([property: JsonConverter(typeof(ResearchIdConverter))] string Id);

/// <summary>
/// One de-identified study of a project (<c>GET .../studies</c>). <see cref="StudyKey"/> is the study's Study Instance
/// UID in the project's de-identified copies (what the viewer opens; null until the study is done); nothing here
/// identifies the patient.
/// </summary>
public sealed record ResearchStudy(
    string? StudyKey,
    string? PatientPseudonym,
    string? Modality,
    string? StudyDate,
    int SeriesCount,
    int InstanceCount,
    int FindingsCount,
    string State,
    string? Error);

public sealed record StartedExport([property: JsonConverter(typeof(ResearchIdConverter))] string ExportId);

/// <summary><c>GET .../exports/{exportId}</c>: <see cref="State"/> is queued, running, done or failed.</summary>
public sealed record ResearchExport(string State, int FilesDone, int FilesTotal, long Bytes, string? Error)
{
    [JsonIgnore]
    public bool Finished => State is "done" or "failed";

    /// <summary>Progress in percent (0 until the gateway knows how many files there are).</summary>
    [JsonIgnore]
    public double Percent => FilesTotal <= 0 ? (State == "done" ? 100 : 0) : 100.0 * FilesDone / FilesTotal;
}

public sealed record ReidentificationRequest(string Pseudonym, string Reason, string Actor);

/// <summary>What a pseudonym stands for (<see cref="Kind"/>: patient id, accession, UID...).</summary>
public sealed record Reidentification(string Kind, string Original);
