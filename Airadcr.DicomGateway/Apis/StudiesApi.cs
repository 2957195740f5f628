using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Index;
using Airadcr.Reporting.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.DicomGateway.Apis;

/// <summary>Studies received, their instances, an instance's Part 10 bytes (what the inference service fetches) and a
/// frame as PNG (the 8-bit rendering the PDF key images use: the Web draws the findings' boxes over it).</summary>
public static class StudiesApi
{
    public static IEndpointRouteBuilder MapStudiesApi(this IEndpointRouteBuilder routes)
    {
        var studies = routes.MapGroup("/studies").WithTags("Studies");
        studies.MapGet("/", ListStudies).WithName("ListStudies");
        studies.MapGet("/{studyUid}", GetStudy).WithName("GetStudy");
        studies.MapGet("/{studyUid}/context", GetContext).WithName("GetStudyContext")
            .WithSummary("The patient and study module values of the study's images (what reports made for it carry); admin key")
            .RequireAdminKey();
        studies.MapGet("/{studyUid}/series", ListSeries).WithName("ListSeries");
        studies.MapGet("/{studyUid}/instances", ListInstances).WithName("ListInstances");
        studies.MapGet("/{studyUid}/instances/{sopInstanceUid}", GetInstance).WithName("GetInstance");
        studies.MapGet("/{studyUid}/instances/{sopInstanceUid}/thumbnail", GetThumbnail).WithName("GetThumbnail");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<StudySummary>>> ListStudies(InstanceIndex index, CancellationToken cancellationToken, int limit = 100) =>
        TypedResults.Ok(await index.ListStudiesAsync(Math.Clamp(limit, 1, 1000), cancellationToken));

    private static async Task<Results<Ok<StudySummary>, NotFound, BadRequest<ApiError>>> GetStudy(
        string studyUid, InstanceIndex index, CancellationToken cancellationToken)
    {
        if (!DicomUid.IsValid(studyUid))
        {
            return TypedResults.BadRequest(new ApiError("invalid study UID", "studyUid"));
        }
        return await index.GetStudyAsync(studyUid, cancellationToken) is { } study ? TypedResults.Ok(study) : TypedResults.NotFound();
    }

    /// <summary>
    /// The study context (patient name, id, birth date, sex; study date, time, id, description, accession; modality,
    /// institution, referring physician) read from the header of the study's first stored instance, as the AI SR is
    /// made: the Web's signed SR and PDF carry the same values.
    /// </summary>
    private static async Task<Results<Ok<StudyContext>, NotFound, BadRequest<ApiError>>> GetContext(
        string studyUid, InstanceIndex index, CancellationToken cancellationToken)
    {
        if (!DicomUid.IsValid(studyUid))
        {
            return TypedResults.BadRequest(new ApiError("invalid study UID", "studyUid"));
        }
        foreach (var instance in await index.ListInstancesAsync(studyUid, cancellationToken))
        {
            if (await index.GetInstancePathAsync(studyUid, instance.SopInstanceUid, cancellationToken) is { } path && File.Exists(path))
            {
                using var file = DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true });
                return TypedResults.Ok(StudyContextReader.Read(file.Dataset));
            }
        }
        return TypedResults.NotFound();
    }

    private static Task<Results<Ok<IReadOnlyList<SeriesSummary>>, NotFound, BadRequest<ApiError>>> ListSeries(
        string studyUid, InstanceIndex index, CancellationToken cancellationToken) =>
        ListOfStudyAsync(studyUid, () => index.ListSeriesAsync(studyUid, cancellationToken));

    private static Task<Results<Ok<IReadOnlyList<InstanceSummary>>, NotFound, BadRequest<ApiError>>> ListInstances(
        string studyUid, InstanceIndex index, CancellationToken cancellationToken) =>
        ListOfStudyAsync(studyUid, () => index.ListInstancesAsync(studyUid, cancellationToken));

    /// <summary>A study's series or instances: 400 for an invalid UID, 404 when the study has none.</summary>
    private static async Task<Results<Ok<IReadOnlyList<T>>, NotFound, BadRequest<ApiError>>> ListOfStudyAsync<T>(
        string studyUid, Func<Task<IReadOnlyList<T>>> list)
    {
        if (!DicomUid.IsValid(studyUid))
        {
            return TypedResults.BadRequest(new ApiError("invalid study UID", "studyUid"));
        }
        var items = await list();
        return items.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(items);
    }

    private static async Task<Results<PhysicalFileHttpResult, NotFound, BadRequest<ApiError>>> GetInstance(
        string studyUid, string sopInstanceUid, InstanceIndex index, CancellationToken cancellationToken)
    {
        if (InvalidUid(studyUid, sopInstanceUid) is { } invalid)
        {
            return TypedResults.BadRequest(invalid);
        }
        return await index.GetInstancePathAsync(studyUid, sopInstanceUid, cancellationToken) is { } path
            ? TypedResults.PhysicalFile(path, "application/dicom")
            : TypedResults.NotFound();
    }

    private static ApiError? InvalidUid(string studyUid, string sopInstanceUid) =>
        DicomUid.IsValid(studyUid) && DicomUid.IsValid(sopInstanceUid)
            ? null
            : new ApiError("invalid UID", DicomUid.IsValid(studyUid) ? "sopInstanceUid" : "studyUid");

    /// <summary>GET .../thumbnail?frame=N (1-based): the frame rendered by <see cref="DicomRenderer"/> (dataset window, else its range) as PNG.
    /// An image that cannot be rendered (its pixel module does not fit its data, a compressed syntax, a corrupt file):
    /// 422 with a ProblemDetails saying why.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound, BadRequest<ApiError>, ProblemHttpResult>> GetThumbnail(
        string studyUid, string sopInstanceUid, InstanceIndex index, CancellationToken cancellationToken, int frame = 1)
    {
        if (InvalidUid(studyUid, sopInstanceUid) is { } invalid)
        {
            return TypedResults.BadRequest(invalid);
        }
        if (await index.GetInstancePathAsync(studyUid, sopInstanceUid, cancellationToken) is not { } path)
        {
            return TypedResults.NotFound();
        }
        try
        {
            using var file = DicomFile.Open(path);
            if (!file.Dataset.Contains(DicomTag.PixelData))
            {
                return TypedResults.NotFound();
            }
            var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
            if (frame < 1 || frame > pixels.FrameCount)
            {
                return TypedResults.BadRequest(new ApiError($"frame must be 1..{pixels.FrameCount}", "frame"));
            }
            using var png = new MemoryStream();
            PngWriter.Write(png, DicomRenderer.Render(pixels, frame - 1));
            return TypedResults.File(png.ToArray(), "image/png");
        }
        catch (Exception e) when (e is DicomPixelModuleException or DicomFormatException or DicomValueException or NotSupportedException)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The image cannot be rendered");
        }
    }
}

/// <summary>An error as every AIRADCR API returns it.</summary>
public sealed record ApiError(string Error, string? Field = null);
