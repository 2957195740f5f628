using System.Globalization;
using System.Text.Json;
using Airadcr.Dicom.Deidentification;
using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Apis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// <c>/admin/research/projects</c>: projects, runs, the de-identified study list, exports and re-identification (the
/// contract: <c>Research/README.md</c>). Admin key as <c>/admin/*</c>; every error a ProblemDetails.
/// </summary>
public static class ResearchApi
{
    public const int MaxStudiesPerProject = 10_000;
    private const int MaxText = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Handlers' dependencies.</summary>
    public sealed record ResearchServices(ResearchStore Store, ResearchAccess Access, ResearchSelection Selection, ResearchWakeUp WakeUp,
        ResearchExporter Exporter, ResearchAudit Audit, ILogger<ResearchStore> Logger);

    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder routes)
    {
        var projects = routes.MapGroup("/admin/research/projects").WithTags("Research").RequireAdminKey()
            .AddEndpointFilter(async (context, next) => context.HttpContext.RequestServices.GetRequiredService<ResearchAccess>().Available
                ? await next(context)
                : TypedResults.Problem("The research space needs Gateway:Research:DataKey (or AIRADCR_DATA_KEY) in server mode.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Research space not configured"));
        projects.MapPost("/", CreateAsync).Accepts<CreateProjectRequest>("application/json").WithName("CreateResearchProject")
            .WithSummary("Creates a research project from explicit studies or a query");
        projects.MapGet("/", async ([AsParameters] ResearchServices services, CancellationToken ct) => TypedResults.Ok(await services.Store.ListAsync(ct)))
            .WithName("ListResearchProjects");
        projects.MapGet("/{projectId}", GetAsync).WithName("GetResearchProject");
        projects.MapPut("/{projectId}/members", SetMembersAsync).Accepts<MembersRequest>("application/json").WithName("SetResearchProjectMembers");
        projects.MapDelete("/{projectId}", DeleteAsync).WithName("DeleteResearchProject");
        projects.MapPost("/{projectId}/run", RunAsync).WithName("RunResearchProject").WithSummary("De-identifies what is pending");
        projects.MapGet("/{projectId}/studies", ListStudiesAsync).WithName("ListResearchStudies");
        projects.MapPost("/{projectId}/exports", StartExportAsync).WithName("StartResearchExport");
        projects.MapGet("/{projectId}/exports/{exportId}", GetExportAsync).WithName("GetResearchExport");
        projects.MapGet("/{projectId}/exports/{exportId}/file", GetExportFileAsync).WithName("GetResearchExportFile");
        projects.MapPost("/{projectId}/reidentify", ReidentifyAsync).Accepts<ReidentifyRequest>("application/json").WithName("ReidentifyResearchPseudonym");
        projects.MapResearchDicomWeb();
        return routes;
    }

    private static async Task<Results<Created<ProjectCreated>, ValidationProblem>> CreateAsync(HttpRequest request,
        [AsParameters] ResearchServices services, CancellationToken cancellationToken)
    {
        var (body, malformed) = await ReadBodyAsync<CreateProjectRequest>(request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }
        var errors = new Dictionary<string, string[]>();
        var name = body!.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxText)
        {
            errors["name"] = [$"a name of 1-{MaxText} characters is required"];
        }
        var profile = body.Profile?.Trim() ?? "";
        try
        {
            _ = DeidentificationOptions.Parse(profile);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            errors["profile"] = [$"not a de-identification profile ({e.Message}); e.g. basic, basic+retain-uids+modified-dates"];
        }
        if ((body.StudyInstanceUids is null) == (body.Query is null))
        {
            errors["studyInstanceUids"] = ["give exactly one of studyInstanceUids and query"];
        }
        else if (body.StudyInstanceUids is { } uids && (uids.Count is 0 or > MaxStudiesPerProject || !uids.All(u => u is not null && DicomUid.IsValid(u))))
        {
            errors["studyInstanceUids"] = [$"1-{MaxStudiesPerProject} valid study instance UIDs"];
        }
        var query = body.Query is { } asked ? NormaliseQuery(asked, errors) : null;
        var members = Members(body.Members, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var studies = body.StudyInstanceUids ?? await services.Selection.ResolveAsync(query!, cancellationToken);
        var id = await services.Store.CreateAsync(name, profile, query, members, body.StudyInstanceUids, studies, cancellationToken);
        services.Logger.ResearchProjectChanged(id, "created");
        return TypedResults.Created($"/admin/research/projects/{id}", new ProjectCreated(id));
    }

    private static ProjectQuery NormaliseQuery(ProjectQuery query, Dictionary<string, string[]> errors)
    {
        string? Date(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (DateOnly.TryParseExact(value.Trim(), ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            }
            errors["query." + field] = ["a date as YYYY-MM-DD or YYYYMMDD"];
            return null;
        }
        var normalised = new ProjectQuery(Blank(query.Modality)?.ToUpperInvariant(), Date(query.From, "from"), Date(query.To, "to"), Blank(query.FindingType));
        if (normalised is { Modality: null, From: null, To: null, FindingType: null } && !errors.Keys.Any(k => k.StartsWith("query.", StringComparison.Ordinal)))
        {
            errors["query"] = ["a query needs at least one of modality, from, to, findingType"];
        }
        else if (normalised.Modality is { Length: > 16 })
        {
            errors["query.modality"] = ["a modality code (CT, MR, ...)"];
        }
        return normalised;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> Members(IReadOnlyList<string>? members, Dictionary<string, string[]> errors)
    {
        var list = (members ?? []).Select(m => m?.Trim() ?? "").ToList();
        if (list.Any(m => m.Length is 0 or > MaxText) || list.Count > 1000)
        {
            errors["members"] = [$"user ids of 1-{MaxText} characters"];
        }
        return [.. list.Distinct(StringComparer.Ordinal)];
    }

    private static async Task<Results<Ok<ResearchProject>, ProblemHttpResult>> GetAsync(string projectId, [AsParameters] ResearchServices services,
        CancellationToken cancellationToken) =>
        await FindAsync(services, projectId, cancellationToken) is { } project ? TypedResults.Ok(project) : UnknownProject();

    private static async Task<Results<Ok<ResearchProject>, ProblemHttpResult, ValidationProblem>> SetMembersAsync(string projectId, HttpRequest request,
        [AsParameters] ResearchServices services, CancellationToken cancellationToken)
    {
        if (await FindAsync(services, projectId, cancellationToken) is null)
        {
            return UnknownProject();
        }
        var (body, malformed) = await ReadBodyAsync<MembersRequest>(request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }
        var errors = new Dictionary<string, string[]>();
        var members = Members(body!.Members, errors);
        if (body.Members is null)
        {
            errors["members"] = ["the list of member user ids is required"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await services.Store.SetMembersAsync(projectId, members, cancellationToken);
        services.Logger.ResearchProjectChanged(projectId, "members changed");
        return TypedResults.Ok((await services.Store.GetAsync(projectId, cancellationToken))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string projectId, [AsParameters] ResearchServices services,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(services, projectId, cancellationToken) is null)
        {
            return UnknownProject();
        }
        await services.Store.DeleteAsync(projectId, cancellationToken);
        services.Access.DeleteProjectFolder(projectId);
        services.Logger.ResearchProjectChanged(projectId, "deleted with its research copies");
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<RunStarted>, ProblemHttpResult>> RunAsync(string projectId, [AsParameters] ResearchServices services,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(services, projectId, cancellationToken) is not { } project)
        {
            return UnknownProject();
        }
        if (project.Query is { } query)
        {
            await services.Store.AddStudiesAsync(projectId, await services.Selection.ResolveAsync(query, cancellationToken), cancellationToken);
        }
        await services.Store.RequestRunAsync(projectId, cancellationToken);
        services.WakeUp.Runs.Notify();
        var counts = (await services.Store.GetAsync(projectId, cancellationToken))!.Studies;
        return TypedResults.Accepted($"/admin/research/projects/{projectId}/studies", new RunStarted(projectId, counts));
    }

    private static async Task<Results<Ok<IReadOnlyList<ResearchStudyRow>>, ProblemHttpResult>> ListStudiesAsync(string projectId,
        [AsParameters] ResearchServices services, CancellationToken cancellationToken)
    {
        if (await FindAsync(services, projectId, cancellationToken) is null)
        {
            return UnknownProject();
        }
        IReadOnlyList<ResearchStudyRow> rows = [.. (await services.Store.ListStudiesAsync(projectId, cancellationToken)).Select(s => s.Row)];
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Accepted<ExportStarted>, ProblemHttpResult>> StartExportAsync(string projectId,
        [AsParameters] ResearchServices services, CancellationToken cancellationToken)
    {
        if (await FindAsync(services, projectId, cancellationToken) is null)
        {
            return UnknownProject();
        }
        var exportId = await services.Store.CreateExportAsync(projectId, cancellationToken);
        services.WakeUp.Exports.Notify();
        return TypedResults.Accepted($"/admin/research/projects/{projectId}/exports/{exportId}", new ExportStarted(exportId));
    }

    private static async Task<Results<Ok<ExportProgress>, ProblemHttpResult>> GetExportAsync(string projectId, string exportId,
        [AsParameters] ResearchServices services, CancellationToken cancellationToken) =>
        IsId(projectId) && IsId(exportId) && await services.Store.GetExportAsync(projectId, exportId, cancellationToken) is { } progress
            ? TypedResults.Ok(progress)
            : Unknown("export");

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetExportFileAsync(string projectId, string exportId,
        [AsParameters] ResearchServices services, CancellationToken cancellationToken)
    {
        if (!IsId(projectId) || !IsId(exportId) || await services.Store.GetExportAsync(projectId, exportId, cancellationToken) is not { } progress)
        {
            return Unknown("export");
        }
        if (progress.State != "done")
        {
            return TypedResults.Problem($"The export is {progress.State}.", statusCode: StatusCodes.Status409Conflict, title: "Export not ready");
        }
        return TypedResults.PhysicalFile(services.Exporter.ZipPath(projectId, exportId), "application/zip", $"research-{exportId}.zip");
    }

    private static async Task<Results<Ok<Reidentified>, ProblemHttpResult, ValidationProblem>> ReidentifyAsync(string projectId, HttpRequest request,
        [AsParameters] ResearchServices services, CancellationToken cancellationToken)
    {
        if (await FindAsync(services, projectId, cancellationToken) is null)
        {
            return UnknownProject();
        }
        var (body, malformed) = await ReadBodyAsync<ReidentifyRequest>(request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("pseudonym", body!.Pseudonym), ("reason", body.Reason), ("actor", body.Actor) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = [$"{field} is required"];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await services.Store.FindOriginalAsync(projectId, body.Pseudonym!.Trim(), cancellationToken) is not { } original)
        {
            return Unknown("pseudonym");
        }
        await services.Audit.ReidentifiedAsync(projectId, body.Actor!.Trim(), original.Kind, body.Pseudonym.Trim(), body.Reason!.Trim(), cancellationToken);
        return TypedResults.Ok(original);
    }

    internal static async Task<ResearchProject?> FindAsync(ResearchServices services, string projectId, CancellationToken cancellationToken) =>
        IsId(projectId) ? await services.Store.GetAsync(projectId, cancellationToken) : null;

    private static bool IsId(string id) => Guid.TryParseExact(id, "N", out _);

    internal static ProblemHttpResult UnknownProject() => Unknown("research project");

    internal static ProblemHttpResult Unknown(string what) =>
        TypedResults.Problem($"No such {what}.", statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}");

    /// <summary>The JSON body, or a 400 ProblemDetails saying why it is not one.</summary>
    private static async Task<(T? Body, ValidationProblem? Malformed)> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken);
            return body is null ? (null, Malformed("a JSON object is required")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, Malformed("malformed JSON: " + e.Message));
        }
    }

    private static ValidationProblem Malformed(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [message] }, title: "Malformed request body");
}
