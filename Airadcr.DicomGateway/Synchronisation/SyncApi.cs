using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// Comparison and synchronisation between archives (admin key): <c>POST /admin/archives/compare</c>,
/// <c>POST /admin/archives/sync</c>, <c>GET /admin/archives/sync/jobs[/{id}]</c>, <c>POST .../jobs/{id}/cancel</c>.
/// </summary>
public static class SyncApi
{
    /// <summary>The most archives one comparison may ask.</summary>
    public const int MaxArchives = 16;

    private const string Actor = "admin-key";

    public static IEndpointRouteBuilder MapSyncApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin/archives").WithTags("Archives synchronisation").RequireAdminKey();
        group.MapPost("/compare", CompareAsync)
            .WithSummary("Compares archives for a study or a patient: counts, missing_in, attribute differences, patient collisions");
        group.MapPost("/sync", SyncAsync).WithSummary("Queues sync jobs copying what a destination lacks (a study, a patient, a whole comparison)");
        group.MapGet("/sync/jobs", async (SyncJobStore jobs, CancellationToken ct, int? limit) =>
            TypedResults.Ok(await jobs.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), ct))).WithSummary("Sync jobs, newest first");
        group.MapGet("/sync/jobs/{id:long}", GetJobAsync).WithSummary("A sync job, its counts and its first instances with their state");
        group.MapPost("/sync/jobs/{id:long}/cancel", CancelAsync).WithSummary("Cancels a queued or running sync job");
        return routes;
    }

    private static async Task<Results<Ok<ArchiveComparison>, BadRequest<ApiError>>> CompareAsync(CompareRequest request, SyncArchives archives,
        SyncAudit audit, IOptions<GatewayOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Scope(request.StudyInstanceUid, request.PatientId) is not { } scope)
        {
            return TypedResults.BadRequest(ScopeError);
        }
        var ids = request.Archives ?? [];
        if (ids.Count is < 2 or > MaxArchives || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            return TypedResults.BadRequest(new ApiError($"2 to {MaxArchives} distinct archive ids", "archives"));
        }
        var resolved = new List<SyncArchive>();
        foreach (var id in ids)
        {
            if (await archives.FindAsync(id ?? "", cancellationToken) is not { } archive)
            {
                return TypedResults.BadRequest(new ApiError("unknown archive " + id, "archives"));
            }
            resolved.Add(archive);
        }
        var query = new ArchiveQuery(options.Value.Sync, options.Value.AeTitle, time);
        var comparison = ArchiveComparer.Compare(scope, await query.CensusesAsync(resolved, scope, cancellationToken));
        audit.Compared(Actor, scope, comparison);
        return TypedResults.Ok(comparison);
    }

    private static async Task<Results<Accepted<SyncQueued>, BadRequest<ApiError>>> SyncAsync(SyncRequest request, SyncArchives archives,
        SyncJobStore jobs, SyncRunner runner, SyncAudit audit, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        if (Scope(request.StudyInstanceUid, request.PatientId) is not { } scope)
        {
            return TypedResults.BadRequest(ScopeError);
        }
        TransferMethod? method = null;
        if (request.Method is { } methodName)
        {
            if (!Enum.TryParse<TransferMethod>(methodName, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.BadRequest(new ApiError("method is move or relay", "method"));
            }
            method = parsed;
        }
        var conflict = options.Value.Sync.DefaultConflict;
        if (request.Conflict is { } conflictName
            && (!Enum.TryParse(conflictName.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out conflict) || !Enum.IsDefined(conflict)))
        {
            return TypedResults.BadRequest(new ApiError("conflict is skip, source-of-truth or newest", "conflict"));
        }
        IReadOnlyList<(string Source, string Destination)> pairs;
        if (request.Source is { } source && request.Destination is { } destination && request.Archives is null)
        {
            pairs = [(source, destination)];
        }
        else if (request.Source is null && request.Destination is null && request.Archives is { Count: >= 2 and <= MaxArchives } list
            && list.Distinct(StringComparer.Ordinal).Count() == list.Count)
        {
            pairs = [.. from a in list from b in list where a != b select (a, b)];
        }
        else
        {
            return TypedResults.BadRequest(new ApiError($"source and destination, or 2 to {MaxArchives} distinct archives", "source"));
        }
        foreach (var id in pairs.SelectMany(p => new[] { p.Source, p.Destination }).Distinct(StringComparer.Ordinal))
        {
            if (await archives.FindAsync(id ?? "", cancellationToken) is null)
            {
                return TypedResults.BadRequest(new ApiError("unknown archive " + id, "archives"));
            }
        }
        if (pairs.Any(p => p.Source == p.Destination))
        {
            return TypedResults.BadRequest(new ApiError("source and destination must differ", "destination"));
        }
        var ids = new List<long>();
        foreach (var (from, to) in pairs)
        {
            var pairMethod = method ?? archives.MethodFor(from, to);
            var id = await jobs.CreateAsync(from, to, pairMethod, conflict, scope, Actor, cancellationToken);
            audit.Queued(Actor, id, scope, from, to, pairMethod, conflict);
            ids.Add(id);
        }
        runner.Wake();
        return TypedResults.Accepted("/admin/archives/sync/jobs", new SyncQueued(ids));
    }

    private static async Task<Results<Ok<SyncJobDetail>, NotFound>> GetJobAsync(long id, SyncJobStore jobs, CancellationToken cancellationToken, int? items) =>
        await jobs.GetAsync(id, cancellationToken) is { } job
            ? TypedResults.Ok(new SyncJobDetail(job, await jobs.ItemsAsync(id, Math.Clamp(items ?? 200, 0, 10_000), cancellationToken)))
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> CancelAsync(long id, SyncJobStore jobs, SyncAudit audit, CancellationToken cancellationToken)
    {
        if (!await jobs.CancelAsync(id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        audit.Cancelled(Actor, id);
        return TypedResults.NoContent();
    }

    private static readonly ApiError ScopeError = new("exactly one of studyInstanceUid (a valid UID) and patientId (1-64 characters, no backslash)", "studyInstanceUid");

    private static SyncScope? Scope(string? studyUid, string? patientId) => (studyUid, patientId) switch
    {
        ({ } uid, null) when DicomUid.IsValid(uid) => SyncScope.Study(uid),
        (null, { } id) when id.Trim().Length is > 0 and <= 64 && !id.Any(c => c is '\\' or '*' or '?' || char.IsControl(c)) => SyncScope.Patient(id.Trim()),
        _ => null,
    };
}
