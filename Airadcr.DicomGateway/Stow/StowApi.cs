using Airadcr.Dicom;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Dicom.Json;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Stow;

/// <summary>
/// STOW-RS (PS3.18 §10.5) for scripts and other systems: <c>POST /dicom-web/studies</c> and
/// <c>POST /dicom-web/studies/{studyUid}</c>, multipart/related with application/dicom parts; admin key. The answer is
/// the PS3.18 response (application/dicom+json: Referenced SOP Sequence, Failed SOP Sequence with Failure Reasons), or,
/// for <c>Accept: application/json</c>, the per-part outcomes with a reason each (what the Web's upload table shows).
/// The uploader named in <see cref="UploaderHeader"/> (the Web sets it) is recorded with each stored instance.
/// </summary>
public static class StowApi
{
    public const string UploaderHeader = "X-Airadcr-Uploader";

    /// <summary>The source recorded in the index for instances that came over STOW-RS (the calling AE of a C-STORE).</summary>
    public const string Source = "STOW-RS";

    public static IEndpointRouteBuilder MapStowApi(this IEndpointRouteBuilder routes)
    {
        var studies = routes.MapGroup("/dicom-web/studies").WithTags("STOW-RS").RequireAdminKey();
        studies.MapPost("/", (HttpContext http, StowReceiver receiver, IOptions<GatewayOptions> options, CancellationToken cancellationToken) =>
                StoreAsync(http, null, receiver, options.Value, cancellationToken))
            .WithName("StoreInstances")
            .WithSummary("STOW-RS: store DICOM instances (multipart/related; type=\"application/dicom\"), durably, like a C-STORE; admin key");
        studies.MapPost("/{studyUid}", (string studyUid, HttpContext http, StowReceiver receiver, IOptions<GatewayOptions> options, CancellationToken cancellationToken) =>
                StoreAsync(http, studyUid, receiver, options.Value, cancellationToken))
            .WithName("StoreStudyInstances")
            .WithSummary("STOW-RS into one study: instances of another study are rejected; admin key");
        return routes;
    }

    private static async Task<IResult> StoreAsync(HttpContext http, string? studyUid, StowReceiver receiver, GatewayOptions options,
        CancellationToken cancellationToken)
    {
        if (studyUid is not null && !DicomUid.IsValid(studyUid))
        {
            return TypedResults.BadRequest(new ApiError("invalid study UID", "studyUid"));
        }
        switch (StowMediaType.Parse(http.Request.ContentType, out var boundary, out var problem))
        {
            case StowMediaType.Problem.NotMultipartRelated or StowMediaType.Problem.UnsupportedPartType:
                return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: problem);
            case StowMediaType.Problem.BadBoundary:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad multipart body", detail: problem);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxStowRequestMegabytes * (1L << 20);
        }

        var uploader = http.Request.Headers[UploaderHeader].ToString();
        var source = uploader.Length == 0 ? Source : $"{Source}:{uploader[..Math.Min(uploader.Length, 64)]}";
        var response = await receiver.ReceiveAsync(boundary, http.Request.Body, studyUid, source, cancellationToken);
        if (response.Results.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad multipart body", detail: "the body holds no part delimited by the Content-Type's boundary");
        }
        if (WantsPlainJson(http.Request))
        {
            return TypedResults.Json(response, statusCode: response.HttpStatus);
        }
        var retrieveUrl = studyUid is null ? null : $"{http.Request.Scheme}://{http.Request.Host}/dicom-web/studies/{studyUid}";
        return TypedResults.Text(DicomJsonWriter.ToJson(response.ToDataset(retrieveUrl)), "application/dicom+json", statusCode: response.HttpStatus);
    }

    private static bool WantsPlainJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}
