using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Dicom;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Pacs;
using Airadcr.DicomGateway.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.DicomGateway.Apis;

/// <summary>Operations view and settings: association statistics, queue depths, analysis jobs, calling-AE allowlist.</summary>
public static class AdminApi
{
    /// <summary>Associations served now and since start, and connections waiting for their A-ASSOCIATE-RQ (no slot held).</summary>
    public sealed record AssociationStatistics(int Active, long Total, int Pending);

    public sealed record CallingAeRequest(string AeTitle);

    /// <summary>A study its sender has sent whole (the UID travels in the body: never in a URL, which logs and traces keep).</summary>
    public sealed record StudySentRequest(string StudyInstanceUid);

    /// <summary>SOP Instance UIDs, in a body for the same reason: asked about, or answered as not held by the gateway.</summary>
    public sealed record InstanceList(IReadOnlyList<string> SopInstanceUids);

    /// <summary>The most SOP Instance UIDs one <c>/admin/instances/missing</c> call may ask about.</summary>
    public const int MaxInstancesAsked = 10_000;

    /// <summary>Analysis jobs per state, their transport (outbox table, or Redis stream length and pending entries), and result files waiting for the PACS.</summary>
    public sealed record QueueDepths(IReadOnlyDictionary<string, int> AnalysisJobs, AnalysisTransportDepth AnalysisTransport, int PacsPending);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").WithTags("Admin").RequireAdminKey();
        admin.MapGet("/associations", (DicomScpService scp) =>
            TypedResults.Ok(new AssociationStatistics(scp.ActiveAssociations, scp.TotalAssociations, scp.PendingConnections)));
        admin.MapGet("/queues", async (AnalysisJobQueue jobs, IAnalysisJobSource transport, PacsSendQueue pacs, CancellationToken ct) =>
            TypedResults.Ok(new QueueDepths(await jobs.CountByStateAsync(ct), await transport.DepthAsync(ct), await pacs.PendingCountAsync(ct))));
        admin.MapGet("/jobs", async (AnalysisJobQueue jobs, CancellationToken ct, string? state) => TypedResults.Ok(await jobs.ListAsync(state, ct)));
        admin.MapGet("/calling-aes", (CallingAeAllowlist allowlist) => TypedResults.Ok(allowlist.Entries));
        admin.MapPost("/calling-aes", AddCallingAe);
        admin.MapDelete("/calling-aes/{aeTitle}", RemoveCallingAe);
        admin.MapPost("/studies/complete", CompleteStudy);
        admin.MapPost("/instances/missing", MissingInstances);
        return routes;
    }

    private static async Task<Results<Created, BadRequest<ApiError>>> AddCallingAe(
        CallingAeRequest request, CallingAeAllowlist allowlist, CancellationToken cancellationToken)
    {
        var title = CallingAeAllowlist.Normalize(request.AeTitle ?? "");
        if (title.Length is 0 or > 16 || title.Any(c => c is < ' ' or > '~' or '\\'))
        {
            return TypedResults.BadRequest(new ApiError("AE title must be 1-16 printable characters without backslash", "aeTitle"));
        }
        await allowlist.AddAsync(title, cancellationToken);
        return TypedResults.Created($"/admin/calling-aes/{Uri.EscapeDataString(title)}");
    }

    /// <summary>
    /// The sender of a study (the PACS's routing, once its C-STORE of the whole study succeeded) says it is complete: it
    /// is analysed now rather than after <c>Gateway:StableSeconds</c>. 202 with the analysis job queued; 200 with the
    /// study when it was not receiving any more (a repeated announcement); 404 for a study the gateway has not received.
    /// </summary>
    private static async Task<Results<Accepted<AnalysisJob>, Ok<StudySummary>, NotFound, BadRequest<ApiError>>> CompleteStudy(
        StudySentRequest request, StudyAssembler assembler, InstanceIndex index, CancellationToken cancellationToken)
    {
        var studyUid = request.StudyInstanceUid;
        if (!DicomUid.IsValid(studyUid))
        {
            return TypedResults.BadRequest(new ApiError("invalid study UID", "studyInstanceUid"));
        }
        if (await assembler.CompleteStudyAsync(studyUid, cancellationToken) is { } job)
        {
            return TypedResults.Accepted($"/admin/jobs?state={job.State}", job);
        }
        return await index.GetStudyAsync(studyUid, cancellationToken) is { } study ? TypedResults.Ok(study) : TypedResults.NotFound();
    }

    /// <summary>
    /// Those of the given instances the gateway has not indexed (a sender that forwarded instances one by one as it
    /// received them checks, before announcing the study, which ones it must still send).
    /// </summary>
    private static async Task<Results<Ok<InstanceList>, BadRequest<ApiError>>> MissingInstances(
        InstanceList request, InstanceIndex index, CancellationToken cancellationToken)
    {
        var asked = request.SopInstanceUids ?? [];
        if (asked.Count > MaxInstancesAsked || !asked.All(DicomUid.IsValid))
        {
            return TypedResults.BadRequest(new ApiError($"at most {MaxInstancesAsked} SOP Instance UIDs, each valid", "sopInstanceUids"));
        }
        var held = await index.IndexedAmongAsync([.. asked.Distinct(StringComparer.Ordinal)], cancellationToken);
        return TypedResults.Ok(new InstanceList([.. asked.Where(uid => !held.Contains(uid))]));
    }

    private static async Task<Results<NoContent, NotFound>> RemoveCallingAe(string aeTitle, CallingAeAllowlist allowlist, CancellationToken cancellationToken) =>
        await allowlist.RemoveAsync(aeTitle, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
