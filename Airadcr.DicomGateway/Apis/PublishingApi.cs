using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.DicomGateway.Apis;

/// <summary>
/// The publishing policy and the radiologist's rejection of a study's AI results (admin key, as /admin/*):
/// <c>GET/PUT /admin/publishing</c> (persisted, audited; <c>Gateway:PublishPolicy</c> is the default),
/// <c>POST /admin/publishing/rejections</c> (a study's AI results never go to the PACS) and
/// <c>POST /admin/publishing/study</c> (a study's publication state). Study UIDs travel in bodies, never in URLs.
/// </summary>
public static class PublishingApi
{
    public sealed record PolicyRequest(string? Policy);

    public sealed record StudyRequest(string? StudyInstanceUid);

    public sealed record RejectionRequest(string? StudyInstanceUid, string? Reason);

    /// <summary>The longest rejection reason accepted (the ReportApi's limit).</summary>
    public const int MaxReasonLength = 2000;

    public static IEndpointRouteBuilder MapPublishingApi(this IEndpointRouteBuilder routes)
    {
        var publishing = routes.MapGroup("/admin/publishing").WithTags("Publishing").RequireAdminKey();
        publishing.MapGet("/", async (PublishingPolicyStore store, CancellationToken ct) => TypedResults.Ok(await store.CurrentAsync(ct)))
            .WithSummary("The publishing policy in force (immediate or after-review) and who set it");
        publishing.MapPut("/", SetPolicy).WithSummary("Sets the publishing policy (applies to analyses finished from now on)");
        publishing.MapPost("/rejections", Reject).WithSummary("Rejects a study's AI results (a reason is required): they never reach the PACS");
        publishing.MapPost("/study", Study).WithSummary("A study's publication state and the decision taken on it");
        return routes;
    }

    private static async Task<Results<Ok<PublishingPolicyStore.PublishingPolicy>, BadRequest<ApiError>>> SetPolicy(
        PolicyRequest request, PublishingPolicyStore store, PublicationAudit audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (!PublishPolicies.IsKnown(request.Policy))
        {
            return TypedResults.BadRequest(new ApiError($"policy must be '{PublishPolicies.Immediate}' or '{PublishPolicies.AfterReview}'", "policy"));
        }
        var before = await store.CurrentAsync(cancellationToken);
        var actor = ArchivesApi.Actor(context);
        await store.SetAsync(request.Policy!, actor, cancellationToken);
        await audit.PolicyChangedAsync(actor, before.Policy, request.Policy!, cancellationToken);
        return TypedResults.Ok(await store.CurrentAsync(cancellationToken));
    }

    private static async Task<Results<Ok<StudyPublications.Publication>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>,
        UnprocessableEntity<ApiError>>> Reject(
        RejectionRequest request, StudyPublications publications, PublicationAudit audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (!DicomUid.IsValid(request.StudyInstanceUid))
        {
            return TypedResults.BadRequest(new ApiError("invalid study UID", "studyInstanceUid"));
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.UnprocessableEntity(new ApiError("a rejection needs a reason", "reason"));
        }
        if (request.Reason.Length > MaxReasonLength)
        {
            return TypedResults.UnprocessableEntity(new ApiError($"the reason is longer than {MaxReasonLength} characters", "reason"));
        }
        var study = request.StudyInstanceUid!;
        var actor = ArchivesApi.Actor(context);
        var rejected = await publications.RejectAsync(study, actor, cancellationToken);
        await audit.DecidedAsync(actor, StudyPublications.Rejected, study, rejected, cancellationToken, request.Reason.Trim().Length);
        return rejected.Outcome switch
        {
            StudyPublications.Outcome.Done => TypedResults.Ok((await publications.GetAsync(study, cancellationToken))!),
            StudyPublications.Outcome.NotFound => TypedResults.NotFound(new ApiError("the gateway holds no such study", "studyInstanceUid")),
            _ => TypedResults.Conflict(new ApiError(rejected.Reason ?? "conflict", "studyInstanceUid")),
        };
    }

    private static async Task<Results<Ok<StudyPublications.Publication>, BadRequest<ApiError>, NotFound>> Study(
        StudyRequest request, StudyPublications publications, CancellationToken cancellationToken)
    {
        if (!DicomUid.IsValid(request.StudyInstanceUid))
        {
            return TypedResults.BadRequest(new ApiError("invalid study UID", "studyInstanceUid"));
        }
        return await publications.GetAsync(request.StudyInstanceUid!, cancellationToken) is { } publication
            ? TypedResults.Ok(publication) : TypedResults.NotFound();
    }
}
