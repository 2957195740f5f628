using System.IO.Compression;
using Airadcr.Web.Gateway;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Uploads;

/// <summary>
/// One uploaded file to the gateway's STOW-RS: a DICOM file as one part, streamed; a ZIP written to a temporary file
/// (within <see cref="UploadOptions.MaxFileMegabytes"/>), then its entries inflated one by one into bounded temporary
/// files (entry count, total and per-entry ratio bounded: a ZIP bomb is refused, not inflated; names with <c>..</c> or
/// a root are refused) and sent in batches. Anything else is refused with its reason; a bad entry never stops the rest.
/// </summary>
public sealed class UploadForwarder(GatewayUploadClient gateway, UploadPreviews previews, IOptions<UploadOptions> options, ILogger<UploadForwarder> logger)
{
    private static ReadOnlySpan<byte> ZipMagic => "PK\u0003\u0004"u8;

    public async Task<UploadAnswer> ForwardAsync(string name, Stream body, string user, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(body, cancellationToken);
        switch (Sniff(head))
        {
            case "dicom":
                // Streamed straight to the gateway (which bounds it and stores it durably): no copy here.
                return new UploadAnswer(name, await SendAsync([(name, new PrefixedContent(head, body))], user, cancellationToken));
            case "zip":
                var folder = Directory.CreateTempSubdirectory("airadcr-upload-").FullName;
                try
                {
                    var file = Path.Combine(folder, "upload");
                    if (!await CopyBoundedAsync(head, body, file, options.Value.MaxFileMegabytes * (1L << 20), cancellationToken))
                    {
                        return new UploadAnswer(name, [UploadResult.Refused(name, $"larger than {options.Value.MaxFileMegabytes} MB")]);
                    }
                    return new UploadAnswer(name, await ForwardZipAsync(file, folder, user, cancellationToken));
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            default:
                return new UploadAnswer(name, [UploadResult.Refused(name, "neither a DICOM file (no DICM prefix) nor a ZIP")]);
        }
    }

    private async Task<List<UploadResult>> ForwardZipAsync(string zipPath, string folder, string user, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var results = new List<UploadResult>();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(File.OpenRead(zipPath), ZipArchiveMode.Read);
        }
        catch (InvalidDataException error)
        {
            return [UploadResult.Refused("(zip)", "not a readable ZIP: " + error.Message)];
        }
        using (archive)
        {
            var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count > settings.MaxZipEntries)
            {
                return [UploadResult.Refused("(zip)", $"{entries.Count} entries: more than {settings.MaxZipEntries}")];
            }
            long budget = settings.MaxZipUncompressedMegabytes * (1L << 20);
            var batch = new List<(string Name, string Path)>();
            var index = 0;
            foreach (var entry in entries)
            {
                var entryName = entry.FullName;
                if (entryName.Contains("..", StringComparison.Ordinal) || entryName.StartsWith('/') || entryName.StartsWith('\\') || entryName.Contains(':'))
                {
                    results.Add(UploadResult.Refused(entryName, "unsafe path in the ZIP (.., a root or a drive)"));
                    continue;
                }
                if (entry.Length > (1L << 20) && entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > settings.MaxCompressionRatio)
                {
                    results.Add(UploadResult.Refused(entryName, $"compression ratio above {settings.MaxCompressionRatio}: refused as a ZIP bomb"));
                    continue;
                }
                var target = Path.Combine(folder, $"entry-{index++}");
                var allowed = Math.Min(budget, settings.MaxFileMegabytes * (1L << 20));
                try
                {
                    await using var source = entry.Open();
                    var head = await ReadHeadAsync(source, cancellationToken);
                    if (Sniff(head) != "dicom")
                    {
                        results.Add(UploadResult.Refused(entryName, "not a DICOM file (no DICM prefix)"));
                        continue;
                    }
                    if (!await CopyBoundedAsync(head, source, target, allowed, cancellationToken))
                    {
                        File.Delete(target);
                        results.Add(UploadResult.Refused(entryName, "inflates past the upload limits: refused as a ZIP bomb"));
                        continue;
                    }
                }
                catch (InvalidDataException error)
                {
                    File.Delete(target);
                    results.Add(UploadResult.Refused(entryName, "corrupt ZIP entry: " + error.Message));
                    continue;
                }
                budget -= new FileInfo(target).Length;
                batch.Add((entryName, target));
                if (batch.Count == settings.InstancesPerRequest)
                {
                    results.AddRange(await SendFilesAsync(batch, user, cancellationToken));
                    batch.Clear();
                }
            }
            results.AddRange(await SendFilesAsync(batch, user, cancellationToken));
        }
        return results;
    }

    /// <summary>Sends extracted entries (then deletes them).</summary>
    private async Task<List<UploadResult>> SendFilesAsync(List<(string Name, string Path)> files, string user, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync([.. files.Select(f => (f.Name, (HttpContent)new StreamContent(File.OpenRead(f.Path))))], user, cancellationToken);
        }
        finally
        {
            files.ForEach(f => File.Delete(f.Path));
        }
    }

    private async Task<List<UploadResult>> SendAsync(List<(string Name, HttpContent Content)> parts, string user, CancellationToken cancellationToken)
    {
        if (parts.Count == 0)
        {
            return [];
        }
        try
        {
            var answers = await gateway.StoreAsync([.. parts.Select(p => p.Content)], user, cancellationToken);
            return [.. parts.Zip(answers, (part, answer) => new UploadResult(part.Name, answer.Outcome, answer.Reason, Preview(answer, user)))];
        }
        catch (HttpRequestException error) when (error.InnerException is BadHttpRequestException or IOException)
        {
            // The upload itself broke off or passed the request limit while it was being forwarded.
            return [.. parts.Select(p => UploadResult.Refused(p.Name, "the upload was cut short or is larger than the limit: try again"))];
        }
        catch (HttpRequestException error)
        {
            logger.UploadForwardFailed(error.Message);
            return [.. parts.Select(p => UploadResult.Refused(p.Name, "the gateway is unavailable: try again"))];
        }
        finally
        {
            parts.ForEach(p => p.Content.Dispose());
        }
    }

    private string? Preview(GatewayUploadClient.PartResult answer, string user) =>
        answer is { Outcome: "stored", StudyInstanceUid: { } study, SeriesInstanceUid: { } series, SopInstanceUid: { } sop }
            && previews.AddFirstOfSeries(user, study, series, sop) is { } id
            ? "/uploads/previews/" + id
            : null;

    /// <summary>The first 132 bytes (fewer for a shorter stream): enough to tell a Part 10 file from a ZIP.</summary>
    private static async Task<byte[]> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[132];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return read == head.Length ? head : head[..read];
    }

    /// <summary>"dicom" (128-byte preamble + DICM), "zip" (a local file header), or null.</summary>
    private static string? Sniff(ReadOnlySpan<byte> head) =>
        head.Length >= 132 && head[128..132].SequenceEqual("DICM"u8) ? "dicom"
        : head.Length >= 4 && head[..4].SequenceEqual(ZipMagic) ? "zip"
        : null;

    /// <summary>Writes <paramref name="head"/> then the rest of <paramref name="source"/>; false past <paramref name="maxBytes"/>.</summary>
    private static async Task<bool> CopyBoundedAsync(byte[] head, Stream source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await target.WriteAsync(head, cancellationToken);
        var buffer = new byte[1 << 16];
        long written = head.Length;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            written += read;
            if (written > maxBytes)
            {
                return false;
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return true;
    }

    /// <summary>An uploaded DICOM file forwarded as it arrives: the bytes already read to recognise it, then the rest of the request body.</summary>
    private sealed class PrefixedContent(byte[] head, Stream rest) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(head, cancellationToken);
            await rest.CopyToAsync(stream, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

internal static partial class UploadLog

{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "An upload could not be forwarded to the gateway: {Reason}")]
    public static partial void UploadForwardFailed(this ILogger logger, string reason);
}
