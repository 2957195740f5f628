using System.Text.Json;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Airadcr.DicomGateway.RtStruct;

/// <summary>
/// <c>/admin/rtstruct</c>: RT structure sets, their processing status and summary, on-demand processing, and their
/// result files. Sets are named by opaque id and studies by keyed hash (<c>studyKey</c>): no UID in a URL. Admin key
/// as <c>/admin/*</c>; errors are ProblemDetails. Every call is audited with the set's study as keyed subject.
/// </summary>
public static class RtStructApi
{
    /// <summary>The item <see cref="Auditing.RequestAudit"/> reads a request's study from (the UID never travels in the URL).</summary>
    public const string AuditStudyItem = "airadcr.audit.study";

    public const int MaxPage = 200;

    /// <summary>One set: its status, its result files and its last summary (snake_case, as <c>summary.json</c>).</summary>
    public sealed record RtStructureSetDetail(RtStructureSetStatus Status, IReadOnlyList<ResultFile> Files, JsonElement? Summary);

    /// <summary>Handlers' dependencies.</summary>
    public sealed record RtStructServices(RtStructureSetStore Store, GatewayPaths Paths, RtStructWakeUp WakeUp, ILogger<RtStructWorker> Logger);

    public static IEndpointRouteBuilder MapRtStructApi(this IEndpointRouteBuilder routes)
    {
        var sets = routes.MapGroup("/admin/rtstruct").WithTags("RT structure sets").RequireAdminKey();
        sets.MapGet("/", ListAsync).WithName("ListStructureSets")
            .WithSummary("Lists structure sets, newest first, all or of one study (study = its keyed hash), paged with offset and limit");
        sets.MapGet("/{setId}", GetAsync).WithName("GetStructureSet").WithSummary("A structure set's status, result files and summary");
        sets.MapPost("/{setId}/process", ProcessAsync).WithName("ProcessStructureSet")
            .WithSummary("Queues the structure set for processing now (again), with the images the gateway holds");
        sets.MapGet("/{setId}/summary.json", (string setId, [AsParameters] RtStructServices services, HttpContext http, CancellationToken ct) =>
                FileAsync(setId, RtStructResults.SummaryFileName, services, http, ct))
            .WithName("GetStructureSetSummary").WithSummary("The summary of the set's last processing (per ROI: volume, surface, files, error)");
        sets.MapGet("/{setId}/files/{**file}", FileAsync).WithName("GetStructureSetFile")
            .WithSummary("A result file of the set (NIfTI mask, STL mesh) by the name its summary or file list gives");
        return routes;
    }

    private static async Task<Results<Ok<RtStructureSetPage>, ProblemHttpResult>> ListAsync([AsParameters] RtStructServices services,
        CancellationToken cancellationToken, string? study = null, int offset = 0, int limit = 50)
    {
        if (study is not null && (study.Length is 0 or > 128 || !study.All(char.IsAsciiLetterOrDigit)))
        {
            return TypedResults.Problem("study must be a study key as this API returns it", statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid study key");
        }
        if (offset < 0 || limit is < 1 or > MaxPage)
        {
            return TypedResults.Problem($"offset >= 0 and limit 1-{MaxPage}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid page");
        }
        return TypedResults.Ok(await services.Store.ListAsync(study, offset, limit, cancellationToken));
    }

    private static async Task<Results<Ok<RtStructureSetDetail>, NotFound<ProblemDetails>>> GetAsync(string setId,
        [AsParameters] RtStructServices services, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(setId, services, http, cancellationToken) is not { } status)
        {
            return UnknownSet();
        }
        return TypedResults.Ok(new RtStructureSetDetail(status, RtStructResults.List(services.Paths.StorageRoot, setId),
            RtStructResults.Summary(services.Paths.StorageRoot, setId)));
    }

    private static async Task<Results<Accepted<RtStructureSetStatus>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ProcessAsync(
        string setId, [AsParameters] RtStructServices services, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(setId, services, http, cancellationToken) is null)
        {
            return UnknownSet();
        }
        if (!await services.Store.RequestProcessAsync(setId, cancellationToken))
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Being processed", Status = StatusCodes.Status409Conflict,
                Detail = "the structure set is being processed now; ask again once it is done",
            });
        }
        services.WakeUp.Notify();
        RtStructLog.ProcessRequested(services.Logger, setId);
        var status = await services.Store.GetAsync(setId, cancellationToken);
        return TypedResults.Accepted($"/admin/rtstruct/{setId}", status);
    }

    private static async Task<Results<PhysicalFileHttpResult, NotFound<ProblemDetails>>> FileAsync(string setId, string file,
        [AsParameters] RtStructServices services, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(setId, services, http, cancellationToken) is null)
        {
            return UnknownSet();
        }
        if (RtStructResults.File(services.Paths.StorageRoot, setId, file) is not { } path)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Title = "No such result file", Status = StatusCodes.Status404NotFound,
                Detail = "the set's results hold no file of that name (see its file list; processed sets only)",
            });
        }
        return TypedResults.PhysicalFile(path, RtStructResults.ContentType(path), Path.GetFileName(path));
    }

    /// <summary>The set, its study noted for the request's audit entry; null when the id is malformed or unknown.</summary>
    private static async Task<RtStructureSetStatus?> FindAsync(string setId, RtStructServices services, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!RtStructureSetId.IsValid(setId) || await services.Store.GetAsync(setId, cancellationToken) is not { } status)
        {
            return null;
        }
        http.Items[AuditStudyItem] = status.StudyInstanceUid;
        return status;
    }

    private static NotFound<ProblemDetails> UnknownSet() => TypedResults.NotFound(new ProblemDetails
    {
        Title = "Unknown structure set", Status = StatusCodes.Status404NotFound, Detail = "no structure set has this id",
    });
}
