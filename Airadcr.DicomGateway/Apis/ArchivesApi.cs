using Airadcr.DicomGateway.Archives;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.DicomGateway.Apis;

/// <summary>
/// The archives registry and the federated study search, under <c>/admin/archives</c> (admin key). Search criteria
/// travel in a POST body, never in the URL. Registry changes and searches are in the audit chain, by the actor the
/// caller names in <see cref="ActorHeader"/> (the Web's signed-in admin), else <c>admin-key</c>.
/// </summary>
public static class ArchivesApi
{
    public const string ActorHeader = "X-Airadcr-Actor";

    /// <summary>An archive as the admin defines it; credentials (DICOMweb Basic) are write-only: set with both
    /// <paramref name="UserName"/> and <paramref name="Password"/>, removed with <paramref name="ClearCredentials"/>, else unchanged.</summary>
    public sealed record ArchiveRequest(string Name, string AeTitle, string Host, int Port, string? DicomWebBaseUrl, ArchiveRole Role,
        bool Enabled = true, string? UserName = null, string? Password = null, bool ClearCredentials = false);

    public sealed record EnabledRequest(bool Enabled);

    public static IEndpointRouteBuilder MapArchivesApi(this IEndpointRouteBuilder routes)
    {
        var archives = routes.MapGroup("/admin/archives").WithTags("Archives").RequireAdminKey();
        archives.MapGet("/", async (ArchiveRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.ListAsync(ct)))
            .WithSummary("Lists the archives (credentials never included)");
        archives.MapGet("/{id}", Get).WithSummary("One archive");
        archives.MapPost("/", Add).WithSummary("Adds an archive");
        archives.MapPut("/{id}", Update).WithSummary("Replaces an archive's definition (credentials: set, cleared or kept)");
        archives.MapPut("/{id}/enabled", SetEnabled).WithSummary("Includes the archive in searches, or not");
        archives.MapDelete("/{id}", Delete).WithSummary("Removes an archive");
        archives.MapPost("/{id}/test", Test).WithSummary("C-ECHO (and a QIDO-RS probe when DICOMweb is set): result and round-trip time");
        archives.MapPost("/search", Search)
            .WithSummary("Federated study search across the enabled archives: merged by Study Instance UID, presence and status per archive, paged");
        return routes;
    }

    private static async Task<Results<Ok<ArchiveDefinition>, NotFound>> Get(string id, ArchiveRegistry registry, CancellationToken ct) =>
        await registry.GetAsync(id, ct) is { } archive ? TypedResults.Ok(archive) : TypedResults.NotFound();

    private static async Task<Results<Created<ArchiveDefinition>, BadRequest<ApiError>, Conflict<ApiError>, ProblemHttpResult>> Add(
        ArchiveRequest request, ArchiveRegistry registry, ArchiveCredentialSealer sealer, ArchiveAudit audit, HttpContext context, CancellationToken ct)
    {
        var archive = Definition(request, "");
        if (Problem(request, archive) is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }
        if (Credentials(request) is not null && !sealer.Available)
        {
            return NoDataKey();
        }
        try
        {
            var added = await registry.AddAsync(archive, Credentials(request), ct);
            await audit.ChangedAsync(Actor(context), "archive-added", added.Id, Summary(added), ct);
            return TypedResults.Created($"/admin/archives/{added.Id}", added);
        }
        catch (ArchiveNameTakenException error)
        {
            return TypedResults.Conflict(new ApiError(error.Message, "name"));
        }
    }

    private static async Task<Results<Ok<ArchiveDefinition>, NotFound, BadRequest<ApiError>, Conflict<ApiError>, ProblemHttpResult>> Update(
        string id, ArchiveRequest request, ArchiveRegistry registry, ArchiveCredentialSealer sealer, ArchiveAudit audit, HttpContext context,
        CancellationToken ct)
    {
        var archive = Definition(request, id);
        if (Problem(request, archive) is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }
        if (Credentials(request) is not null && !sealer.Available)
        {
            return NoDataKey();
        }
        try
        {
            if (!await registry.UpdateAsync(archive, ct))
            {
                return TypedResults.NotFound();
            }
        }
        catch (ArchiveNameTakenException error)
        {
            return TypedResults.Conflict(new ApiError(error.Message, "name"));
        }
        var credentials = Credentials(request);
        if (credentials is not null || request.ClearCredentials)
        {
            await registry.SetCredentialsAsync(id, credentials, ct);
        }
        var updated = (await registry.GetAsync(id, ct))!;
        var change = credentials is not null ? ", credentials set" : request.ClearCredentials ? ", credentials cleared" : "";
        await audit.ChangedAsync(Actor(context), "archive-updated", id, Summary(updated) + change, ct);
        return TypedResults.Ok(updated);
    }

    private static async Task<Results<NoContent, NotFound>> SetEnabled(string id, EnabledRequest request, ArchiveRegistry registry, ArchiveAudit audit,
        HttpContext context, CancellationToken ct)
    {
        if (!await registry.SetEnabledAsync(id, request.Enabled, ct))
        {
            return TypedResults.NotFound();
        }
        await audit.ChangedAsync(Actor(context), request.Enabled ? "archive-enabled" : "archive-disabled", id, null, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> Delete(string id, ArchiveRegistry registry, ArchiveAudit audit, HttpContext context,
        CancellationToken ct)
    {
        if (!await registry.DeleteAsync(id, ct))
        {
            return TypedResults.NotFound();
        }
        await audit.ChangedAsync(Actor(context), "archive-deleted", id, null, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ArchiveTestResult>, NotFound>> Test(string id, ArchiveRegistry registry, ArchiveProbe probe, ArchiveAudit audit,
        HttpContext context, CancellationToken ct)
    {
        if (await registry.GetAsync(id, ct) is not { } archive)
        {
            return TypedResults.NotFound();
        }
        var result = await probe.TestAsync(archive, ct);
        audit.Tested(Actor(context), id, $"echo {(result.Echo.Ok ? "ok" : "failed")}" + (result.Qido is { } qido ? $", qido {(qido.Ok ? "ok" : "failed")}" : ""));
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<FederatedSearchResult>, BadRequest<ApiError>>> Search(StudyQuery query, FederatedSearch search, ArchiveAudit audit,
        HttpContext context, CancellationToken ct)
    {
        if (query.Problem() is { } problem)
        {
            return TypedResults.BadRequest(new ApiError(problem.Message, problem.Field));
        }
        var result = await search.SearchAsync(query, ct);
        audit.Searched(Actor(context), query.Canonical(),
            string.Join(", ", result.Archives.Select(archive => $"{archive.Id} {archive.Status} {archive.Count}")) + $"; {result.Total} studies");
        return TypedResults.Ok(result);
    }

    private static ArchiveDefinition Definition(ArchiveRequest request, string id) =>
        new(id, request.Name?.Trim() ?? "", request.AeTitle?.Trim() ?? "", request.Host?.Trim() ?? "", request.Port,
            string.IsNullOrWhiteSpace(request.DicomWebBaseUrl) ? null : request.DicomWebBaseUrl.Trim(), request.Role, request.Enabled);

    private static ApiError? Problem(ArchiveRequest request, ArchiveDefinition archive)
    {
        if (ArchiveValidation.Problem(archive) is { } problem)
        {
            return new ApiError(problem.Message, problem.Field);
        }
        if (!string.IsNullOrEmpty(request.UserName) != (request.Password is not null) || request.UserName?.Contains(':', StringComparison.Ordinal) == true)
        {
            return new ApiError("credentials need both userName (without ':') and password", "userName");
        }
        return request.ClearCredentials && Credentials(request) is not null
            ? new ApiError("clearCredentials with new credentials", "clearCredentials")
            : null;
    }

    private static ArchiveCredentials? Credentials(ArchiveRequest request) =>
        string.IsNullOrEmpty(request.UserName) ? null : new ArchiveCredentials(request.UserName, request.Password ?? "");

    private static ProblemHttpResult NoDataKey() =>
        TypedResults.Problem("Archive credentials need Gateway:Research:DataKey or AIRADCR_DATA_KEY in server mode.",
            statusCode: StatusCodes.Status503ServiceUnavailable);

    private static string Summary(ArchiveDefinition archive) =>
        $"{ArchiveRegistry.RoleText(archive.Role)}, {(archive.Enabled ? "enabled" : "disabled")}, {(archive.DicomWebBaseUrl is null ? "c-find" : "qido-rs")}";

    /// <summary>Who acts: the caller's <see cref="ActorHeader"/> (1-64 printable characters), else <c>admin-key</c>.</summary>
    internal static string Actor(HttpContext context) =>
        context.Request.Headers[ActorHeader].ToString() is { Length: > 0 and <= 64 } actor && actor.All(c => c is > ' ' and <= '~')
            ? "user:" + actor
            : "admin-key";
}
