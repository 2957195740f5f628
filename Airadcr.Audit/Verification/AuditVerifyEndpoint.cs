using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airadcr.Audit.Verification;

/// <summary>
/// <c>GET /admin/audit/verify</c>: the verification as JSON, in one shape for every service (camelCase; the service's
/// own JSON settings do not apply). Each service puts its admin rule on the returned builder.
/// </summary>
public static class AuditVerifyEndpoint
{
    public const string Path = "/admin/audit/verify";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteHandlerBuilder MapAuditVerify(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (AuditVerifier verifier, CancellationToken cancellationToken) =>
            TypedResults.Json(AuditVerificationReport.From(await verifier.VerifyAsync(cancellationToken)), Json));
}

/// <summary>The JSON of a verification (what the Web's admin page reads from every service).</summary>
public sealed record AuditVerificationReport(
    bool Ok, long Entries, long HeadSeq, string? HeadHash, AuditCheckpointReport? LatestCheckpoint, IReadOnlyList<AuditChainBreak> Breaks)
{
    public static AuditVerificationReport From(AuditVerification result) => new(
        result.Ok, result.Entries, result.Head?.Seq ?? 0, result.Head?.Hash,
        result.LatestCheckpoint is { } c ? new AuditCheckpointReport(c.Seq, c.Hash, c.Time, c.KeyId) : null,
        result.Breaks);
}

public sealed record AuditCheckpointReport(long Seq, string Hash, DateTimeOffset Time, string KeyId);
