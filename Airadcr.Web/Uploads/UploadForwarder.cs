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
        var folder = Directory.CreateTempSubdirectory("airadcr-upload-").FullName;
        try
        {
            var file = Path.Combine(folder, "upload");
            var limit = options.Value.MaxFileMegabytes * (1L << 20);
            if (!await CopyBoundedAsync(body, file, limit, cancellationToken))
            {
                return new UploadAnswer(name, [UploadResult.Refused(name, $"larger than {options.Value.MaxFileMegabytes} MB")]);
            }
            var kind = Sniff(file);
            return kind switch
            {
                "dicom" => new UploadAnswer(name, await SendAsync([(name, file)], user, cancellationToken)),
                "zip" => new UploadAnswer(name, await ForwardZipAsync(file, folder, user, cancellationToken)),
                _ => new UploadAnswer(name, [UploadResult.Refused(name, "neither a DICOM file (no DICM prefix) nor a ZIP")]),
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
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
                    if (!await CopyBoundedAsync(source, target, allowed, cancellationToken))
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
                if (Sniff(target) != "dicom")
                {
                    File.Delete(target);
                    results.Add(UploadResult.Refused(entryName, "not a DICOM file (no DICM prefix)"));
                    continue;
                }
                batch.Add((entryName, target));
                if (batch.Count == settings.InstancesPerRequest)
                {
                    results.AddRange(await SendAsync(batch, user, cancellationToken));
                    batch.ForEach(b => File.Delete(b.Path));
                    batch.Clear();
                }
            }
            results.AddRange(await SendAsync(batch, user, cancellationToken));
        }
        return results;
    }

    private async Task<List<UploadResult>> SendAsync(List<(string Name, string Path)> files, string user, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return [];
        }
        var streams = files.Select(f => (Stream)File.OpenRead(f.Path)).ToList();
        try
        {
            var answers = await gateway.StoreAsync(streams, user, cancellationToken);
            return [.. files.Zip(answers, (file, answer) => new UploadResult(file.Name, answer.Outcome, answer.Reason, Preview(answer, user)))];
        }
        catch (HttpRequestException error)
        {
            logger.UploadForwardFailed(error.Message);
            return [.. files.Select(f => UploadResult.Refused(f.Name, "the gateway is unavailable: try again"))];
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    private string? Preview(GatewayUploadClient.PartResult answer, string user) =>
        answer is { Outcome: "stored", StudyInstanceUid: { } study, SeriesInstanceUid: { } series, SopInstanceUid: { } sop }
            && previews.AddFirstOfSeries(user, study, series, sop) is { } id
            ? "/uploads/previews/" + id
            : null;

    /// <summary>"dicom" (128-byte preamble + DICM), "zip" (a local file header), or null.</summary>
    private static string? Sniff(string path)
    {
        Span<byte> head = stackalloc byte[132];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= 132 && head[128..132].SequenceEqual("DICM"u8))
        {
            return "dicom";
        }
        return read >= 4 && head[..4].SequenceEqual(ZipMagic) ? "zip" : null;
    }

    private static async Task<bool> CopyBoundedAsync(Stream source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        long written = 0;
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
}

internal static partial class UploadLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "An upload could not be forwarded to the gateway: {Reason}")]
    public static partial void UploadForwardFailed(this ILogger logger, string reason);
}
