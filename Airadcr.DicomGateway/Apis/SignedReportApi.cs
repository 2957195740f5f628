using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Storage;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Publishing;
using Airadcr.DicomGateway.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.DicomGateway.Apis;

/// <summary>
/// <c>POST /studies/{study}/signed-report</c>: the Web's signed report (multipart parts <c>sr</c>, the signed SR, and
/// <c>pdf</c>, its Encapsulated PDF, both Part 10) made durable in the study's folder and queued for C-STORE to the
/// PACS with the same retry queue as the AI results, with the study's held AI results marked reviewed
/// (<see cref="StudyPublications.SignAsync"/>). 202 once the files are fsynced and queued; 404 for a study the gateway
/// never received; 409 when the study's decision is already taken (a second reviewer's signature, or one after a
/// rejection): nothing queued. Admin key as /admin/*.
/// </summary>
public static class SignedReportApi
{
    /// <summary>Largest accepted part (a report PDF with key images stays far below).</summary>
    public const long MaxPartBytes = 64L * 1024 * 1024;

    private static readonly Dictionary<string, string[]> AcceptedSopClasses = new()
    {
        ["sr"] = ["1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.5.1.4.1.1.88.34", "1.2.840.10008.5.1.4.1.1.88.11"],
        ["pdf"] = ["1.2.840.10008.5.1.4.1.1.104.1"],
    };

    public static IEndpointRouteBuilder MapSignedReportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/studies/{studyUid}/signed-report", PublishAsync)
            .WithTags("Studies")
            .WithName("PublishSignedReport")
            .RequireAdminKey()
            .DisableAntiforgery();
        return routes;
    }

    /// <summary>The instances queued, and the study's AI results now (<c>released</c> with them, <c>sent-immediately</c> before, ...).</summary>
    public sealed record Queued(string StudyInstanceUid, IReadOnlyList<string> SopInstanceUids, string? AiResults);

    private static async Task<Results<Accepted<Queued>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> PublishAsync(
        string studyUid, HttpRequest request, GatewayPaths paths, StudyPublications publications, PublicationAudit audit, CancellationToken cancellationToken)
    {
        if (!DicomUid.IsValid(studyUid))
        {
            return TypedResults.BadRequest(new ApiError("invalid study UID", "studyUid"));
        }
        if (!request.HasFormContentType)
        {
            return TypedResults.BadRequest(new ApiError("expected multipart/form-data with parts 'sr' and 'pdf'"));
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var parts = new List<(string SopInstanceUid, byte[] Bytes, DicomDataset Dataset)>();
        foreach (var name in AcceptedSopClasses.Keys)
        {
            var (part, error) = await ReadPartAsync(form.Files.GetFile(name), name, studyUid, cancellationToken);
            if (error is not null)
            {
                return TypedResults.BadRequest(error);
            }
            parts.Add(part);
        }

        var folder = Path.Combine(paths.StorageRoot, studyUid, "signed");
        var files = await WriteDurablyAsync(paths, [.. parts.Select(p => (Path.Combine(folder, p.SopInstanceUid + ".dcm"), p.Bytes))],
            cancellationToken);
        var actor = ArchivesApi.Actor(request.HttpContext);
        var signed = await publications.SignAsync(studyUid, files, parts[0].Dataset /* the sr part */, actor, cancellationToken);
        await audit.DecidedAsync(actor, StudyPublications.Signed, studyUid, signed, cancellationToken);
        if (signed.Outcome != StudyPublications.Outcome.Done)
        {
            // Nothing was queued: the files of the losing signature go too.
            foreach (var file in files)
            {
                File.Delete(file);
            }
            return signed.Outcome == StudyPublications.Outcome.NotFound
                ? TypedResults.NotFound(new ApiError("the gateway holds no such study", "studyUid"))
                : TypedResults.Conflict(new ApiError(signed.Reason ?? "conflict", "studyUid"));
        }
        return TypedResults.Accepted($"/studies/{studyUid}", new Queued(studyUid, [.. parts.Select(p => p.SopInstanceUid)], signed.State));
    }

    private static async Task<((string SopInstanceUid, byte[] Bytes, DicomDataset Dataset) Part, ApiError? Error)> ReadPartAsync(
        IFormFile? file, string name, string studyUid, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (default, new ApiError($"part '{name}' is missing", name));
        }
        if (file.Length > MaxPartBytes)
        {
            return (default, new ApiError($"part '{name}' is larger than {MaxPartBytes} bytes", name));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        DicomDataset dataset;
        try
        {
            dataset = DicomFile.Read(bytes).Dataset;
        }
        catch (Exception e) when (e is DicomFormatException or DicomValueException or EndOfStreamException or InvalidDataException)
        {
            return (default, new ApiError($"part '{name}' is not a DICOM Part 10 file: {e.Message}", name));
        }

        var sopInstanceUid = dataset.GetStringOrDefault(DicomTag.SOPInstanceUID);
        if (!AcceptedSopClasses[name].Contains(dataset.GetStringOrDefault(DicomTag.SOPClassUID) ?? ""))
        {
            return (default, new ApiError($"part '{name}' has an unexpected SOP class", name));
        }
        if (dataset.GetStringOrDefault(DicomTag.StudyInstanceUID) != studyUid)
        {
            return (default, new ApiError($"part '{name}' belongs to another study", name));
        }
        if (!DicomUid.IsValid(sopInstanceUid))
        {
            return (default, new ApiError($"part '{name}' has no valid SOP Instance UID", name));
        }
        return ((sopInstanceUid!, bytes, dataset), null);
    }

    /// <summary>Temporary files in the incoming folder, then the SCP's durable placement (rename, fsync of files and
    /// folders): the queued paths survive a crash.</summary>
    private static async Task<IReadOnlyList<string>> WriteDurablyAsync(GatewayPaths paths, IReadOnlyList<(string Path, byte[] Bytes)> parts,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.Incoming);
        var durable = new DurableFiles();
        var temporaries = new List<string>();
        try
        {
            foreach (var (path, bytes) in parts)
            {
                var temporary = Path.Combine(paths.Incoming, $"{Guid.NewGuid():N}.part");
                temporaries.Add(temporary);
                await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
                durable.Place(temporary, path);
            }
            durable.Sync();
            return durable.Placed;
        }
        finally
        {
            foreach (var temporary in temporaries.Where(File.Exists))
            {
                File.Delete(temporary);
            }
        }
    }
}
