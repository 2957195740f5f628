using Airadcr.Web.Audit;
using Airadcr.Web.Identity;
using Airadcr.Web.Measurements;
using Airadcr.Web.Viewer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Apis;

/// <summary>
/// <c>POST /dicom-web/studies[/{study}]</c>: STOW-RS of a radiologist's own measurements (OHIF's "Create report"
/// saves them as an SR to its data source). Checked before anything reaches Orthanc (<see cref="StowBody"/>): the
/// sender is a radiologist (else 403), the body fits <see cref="OrthancOptions.MaxStoreBytes"/> (else 413), every part
/// is a Part 10 SR (else 422 with the reason), of a study Orthanc holds (else 422), in the study of the URL and not
/// already stored (else 409). Then the body goes to Orthanc as received, with its credentials. Every outcome is
/// audited (<c>save-measurements</c>: user, study as a keyed hash, outcome; stored instances as keyed hashes).
/// </summary>
public static class MeasurementStowApi
{
    public static IEndpointRouteBuilder MapMeasurementStow(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup(ViewerConfig.DicomWebPath + "/studies").RequireAuthorization().WithTags("Viewer");
        studies.MapPost("", StoreAsync).WithSummary("Stores a radiologist's measurements (SR) in Orthanc after checking them (STOW-RS)");
        studies.MapPost("/{study}", StoreAsync).WithSummary("Stores a radiologist's measurements (SR) in the study (STOW-RS)");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> StoreAsync(string? study, HttpContext context,
        OrthancDicomWeb orthanc, AuditLog audit, IOptions<OrthancOptions> options)
    {
        var ct = context.RequestAborted;
        var actor = context.User.Identity?.Name ?? "?";
        async Task<ProblemHttpResult> RefuseAsync(int status, string title, string reason, string auditReason, string? studyUid = null)
        {
            await audit.RecordStudyAsync(actor, AuditActions.SaveMeasurements, studyUid ?? study, $"refused {status}: {auditReason}", ct);
            return TypedResults.Problem(reason, statusCode: status, title: title);
        }

        if (!context.User.IsInRole(WebRoles.Radiologist))
        {
            return await RefuseAsync(StatusCodes.Status403Forbidden, "Not a radiologist", "only radiologists store measurements", "not a radiologist");
        }
        if (!orthanc.IsConfigured)
        {
            return TypedResults.Problem("Orthanc is not configured (services:orthanc:http:0)", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var limit = options.Value.MaxStoreBytes;
        if (await ReadBoundedAsync(context.Request, limit, ct) is not { } body)
        {
            return await RefuseAsync(StatusCodes.Status413PayloadTooLarge, "Too large", $"the body is larger than {limit} bytes", "too large");
        }
        var parsed = await StowBody.ParseAsync(context.Request.ContentType, body, ct);
        if (parsed.Reason is { } reason)
        {
            return await RefuseAsync(StatusCodes.Status422UnprocessableEntity, "Not a structured report", reason, parsed.AuditReason ?? "malformed");
        }
        var instances = parsed.Instances;
        var studyUid = study ?? instances[0].StudyInstanceUid;
        if (instances.Any(i => i.StudyInstanceUid != studyUid))
        {
            return await RefuseAsync(StatusCodes.Status409Conflict, "Study mismatch",
                study is null ? "the parts belong to different studies: store one study per request" : "a part belongs to another study than the URL's",
                "study mismatch");
        }
        if (!await orthanc.StudyExistsAsync(studyUid, ct))
        {
            return await RefuseAsync(StatusCodes.Status422UnprocessableEntity, "Unknown study",
                "the study is not in the archive: measurements are stored into an existing study only", "unknown study");
        }
        foreach (var instance in instances)
        {
            if (await orthanc.InstanceExistsAsync(instance, ct))
            {
                return await RefuseAsync(StatusCodes.Status409Conflict, "Already stored",
                    "an instance with this SOP Instance UID is already stored: save the measurements as a new report", "already stored");
            }
        }

        var (status, answer) = await orthanc.StoreAsync(context.Request.ContentType!, body, ct);
        var stored = string.Join(' ', instances.Select(i => audit.InstanceSubject(i.SopInstanceUid)));
        if (status is < 200 or > 299 || StowAnswer.FailedCount(answer) > 0)
        {
            await audit.RecordStudyAsync(actor, AuditActions.SaveMeasurements, studyUid, $"failed: Orthanc answered {status} for {stored}", ct);
            return TypedResults.Problem($"Orthanc did not store the report (HTTP {status})", statusCode: StatusCodes.Status502BadGateway, title: "Not stored");
        }
        await audit.RecordStudyAsync(actor, AuditActions.SaveMeasurements, studyUid, "stored " + stored, ct);
        return TypedResults.Content(answer, OrthancDicomWeb.DicomJson, statusCode: StatusCodes.Status200OK);
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (never read past it).</summary>
    private static async Task<ArraySegment<byte>?> ReadBoundedAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
