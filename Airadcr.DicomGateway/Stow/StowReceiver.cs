using Airadcr.Dicom;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Logging;
using Airadcr.DicomGateway.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Airadcr.DicomGateway.Stow;

/// <summary>
/// Reads a STOW-RS body (multipart/related, one Part 10 instance per <c>application/dicom</c> part) as a stream: each
/// part is written to the incoming folder within <c>Gateway:MaxInstanceMegabytes</c> and the free-space floor, checked
/// (a Part 10 file, a storage SOP class, a transfer syntax the C-STORE SCP would accept, the target study when the
/// route names one) and committed by the same <see cref="InstanceCommit"/> as a C-STORE: a part counts as stored only
/// once its file and index row are durable. A bad part is rejected with its reason and the next one is read; a body
/// cut short ends the request with what was stored before the cut.
/// </summary>
public sealed class StowReceiver(
    GatewayPaths paths,
    InstanceCommit commit,
    GatewayStorageHandler storagePolicy,
    IOptions<GatewayOptions> options,
    ILogger<StowReceiver> logger)
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public async Task<StowResponse> ReceiveAsync(string boundary, Stream body, string? targetStudy, string source, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 32 };
        var results = new List<StowPartResult>();
        var maxBytes = options.Value.MaxInstanceMegabytes * (1L << 20);
        Directory.CreateDirectory(paths.Incoming);
        for (var part = 1; ; part++)
        {
            MultipartSection? section;
            try
            {
                section = await reader.ReadNextSectionAsync(cancellationToken);
            }
            catch (Exception error) when (error is IOException or InvalidDataException or BadHttpRequestException)
            {
                // Before the first part: no part with the declared boundary (the request is answered 400).
                if (part > 1)
                {
                    results.Add(StowPartResult.Refused(part, DicomStatus.CannotUnderstand, $"the body ends or breaks before part {part}: {error.Message}"));
                }
                break;
            }
            if (section is null)
            {
                break;
            }
            var result = await ReceivePartAsync(part, section, maxBytes, targetStudy, source, cancellationToken);
            results.Add(result.Result);
            if (result.BodyBroken)
            {
                break;
            }
        }
        var response = new StowResponse(results);
        logger.StowReceived(response.Stored, response.Duplicates, response.Rejected);
        return response;
    }

    private async Task<(StowPartResult Result, bool BodyBroken)> ReceivePartAsync(int part, MultipartSection section, long maxBytes,
        string? targetStudy, string source, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(section.ContentType, out var type) || !type.MediaType.Equals("application/dicom", StringComparison.OrdinalIgnoreCase))
        {
            return await SkipAsync(section, part, DicomStatus.CannotUnderstand, $"part {part} is '{section.ContentType ?? "without a content type"}', not application/dicom", cancellationToken);
        }
        var temporary = Path.Combine(paths.Incoming, $"stow-{Guid.NewGuid():N}.part");
        try
        {
            switch (await CopyBoundedAsync(section.Body, temporary, maxBytes, cancellationToken))
            {
                case CopyEnd.TooLarge:
                    return await SkipAsync(section, part, DicomStatus.OutOfResources, $"part {part} is larger than Gateway:MaxInstanceMegabytes", cancellationToken);
                case CopyEnd.Broken:
                    return (StowPartResult.Refused(part, DicomStatus.CannotUnderstand, $"the body ends or breaks inside part {part}"), true);
            }
            return (await CommitPartAsync(part, temporary, targetStudy, source, cancellationToken), false);
        }
        catch (StorageFullException)
        {
            return await SkipAsync(section, part, DicomStatus.OutOfResources, "storage full", cancellationToken);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task<StowPartResult> CommitPartAsync(int part, string temporary, string? targetStudy, string source, CancellationToken cancellationToken)
    {
        DicomFile file;
        try
        {
            file = DicomFile.Open(temporary, HeaderOnly);
        }
        catch (Exception error) when (error is DicomFormatException or DicomValueException or FormatException or EndOfStreamException)
        {
            return StowPartResult.Refused(part, DicomStatus.CannotUnderstand, $"part {part} is not a DICOM file: {error.Message}");
        }
        using (file)
        {
            var header = file.Dataset;
            if (Problem(file, targetStudy) is { } problem)
            {
                return StowPartResult.Refused(part, problem.Status, $"part {part}: {problem.Reason}", header);
            }
            var outcome = await commit.CommitAsync(temporary, header, header.GetStringOrDefault(DicomTag.SOPInstanceUID)!,
                header.GetStringOrDefault(DicomTag.SOPClassUID)!, file.TransferSyntax, source, cancellationToken);
            return StowPartResult.From(part, header, outcome);
        }
    }

    private (ushort Status, string Reason)? Problem(DicomFile file, string? targetStudy)
    {
        var header = file.Dataset;
        var sopInstance = header.GetStringOrDefault(DicomTag.SOPInstanceUID);
        var sopClass = header.GetStringOrDefault(DicomTag.SOPClassUID);
        if (!file.HadPreamble || !file.Meta.Contains(DicomTag.TransferSyntaxUID))
        {
            return (DicomStatus.CannotUnderstand, "not a Part 10 file (no preamble or file meta information)");
        }
        if (!DicomUid.IsValid(sopInstance) || !DicomUid.IsValid(sopClass))
        {
            return (DicomStatus.CannotUnderstand, "missing or invalid SOP Class or SOP Instance UID");
        }
        if (file.Meta.GetStringOrDefault(DicomTag.MediaStorageSOPInstanceUID) is { Length: > 0 } metaInstance && metaInstance != sopInstance)
        {
            return (DicomStatus.DataSetDoesNotMatchSopClass, "the file meta information names another SOP Instance UID");
        }
        if (storagePolicy.AcceptableTransferSyntaxes(sopClass!) is not { Count: > 0 } syntaxes)
        {
            return (DicomStatus.SopClassNotSupported, "not a storage SOP class");
        }
        if (file.TransferSyntax.IsDeflated || !syntaxes.Contains(file.TransferSyntax.Uid))
        {
            return (DicomStatus.CannotUnderstand, $"transfer syntax {file.TransferSyntax.Uid} is not accepted");
        }
        if (targetStudy is not null && header.GetStringOrDefault(DicomTag.StudyInstanceUID) != targetStudy)
        {
            return (DicomStatus.DataSetDoesNotMatchSopClass, "the instance belongs to another study than the request's");
        }
        return null;
    }

    private enum CopyEnd { Complete, TooLarge, Broken }

    private async Task<CopyEnd> CopyBoundedAsync(Stream source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        commit.EnsureFreeSpace(0);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        long written = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                if (written > maxBytes)
                {
                    return CopyEnd.TooLarge;
                }
                if (written % (64L << 20) < read)
                {
                    commit.EnsureFreeSpace(64L << 20);
                }
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception error) when (error is IOException and not StorageFullException or InvalidDataException)
        {
            return CopyEnd.Broken;
        }
        return CopyEnd.Complete;
    }

    /// <summary>Rejects a part and reads past the rest of it, so that the next part can be read.</summary>
    private static async Task<(StowPartResult, bool)> SkipAsync(MultipartSection section, int part, ushort status, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await section.Body.CopyToAsync(Stream.Null, cancellationToken);
            return (StowPartResult.Refused(part, status, reason), false);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or BadHttpRequestException)
        {
            return (StowPartResult.Refused(part, status, reason), true);
        }
    }
}
