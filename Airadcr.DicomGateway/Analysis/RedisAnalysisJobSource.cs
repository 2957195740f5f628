using System.Globalization;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Airadcr.DicomGateway.Analysis;

/// <summary>
/// Server mode: analysis jobs travel on the Redis stream <see cref="StreamKey"/>, read by the consumer group
/// <see cref="GroupName"/> (XREADGROUP, XACK once the job's outcome is committed). An entry left pending by a worker
/// that died (kill -9, lost host) is taken over after <c>Gateway:JobReclaimSeconds</c> without a heartbeat
/// (XAUTOCLAIM); a running worker renews its claim (XCLAIM JUSTID). The database keeps each job's state, so an entry
/// delivered twice runs once.
/// </summary>
public sealed class RedisAnalysisJobSource(
    IConnectionMultiplexer redis,
    AnalysisJobStore jobs,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<RedisAnalysisJobSource> logger) : IAnalysisJobSource
{
    public const string StreamKey = "airadcr:gateway:analysis-jobs";
    public const string GroupName = "analysis-workers";
    private const string JobField = "job";

    /// <summary>This process's consumer name (a restarted gateway is a new consumer; its predecessor's entries get reclaimed).</summary>
    public string ConsumerName { get; } = $"{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    private IDatabase Database => redis.GetDatabase();

    private TimeSpan ReclaimAfter => TimeSpan.FromSeconds(options.Value.JobReclaimSeconds);

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        bool created;
        try
        {
            created = await Database.StreamCreateConsumerGroupAsync(StreamKey, GroupName, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException error) when (error.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            created = false;
        }
        // A new group (first start, or a Redis that lost its data): what the database says was on the stream goes again.
        var requeued = created ? await jobs.RequeueInterruptedAsync(includePublished: true, cancellationToken) : 0;
        logger.AnalysisStreamCreated(StreamKey, requeued);
    }

    /// <summary>The relay's side: puts a queued job on the stream.</summary>
    public async Task PublishAsync(AnalysisJob job, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.StreamAddAsync(StreamKey, JobField, job.JobId);
        await jobs.MarkPublishedAsync(job, cancellationToken);
    }

    public async Task<ClaimedAnalysisJob?> NextAsync(CancellationToken cancellationToken)
    {
        var reclaimed = await Database.StreamAutoClaimAsync(StreamKey, GroupName, ConsumerName,
            (long)ReclaimAfter.TotalMilliseconds, "0-0", count: 10);
        foreach (var entry in reclaimed.ClaimedEntries)
        {
            if (await ClaimAsync(entry, reclaimed: true, cancellationToken) is { } job)
            {
                logger.AnalysisJobReclaimed(job.Job.JobId);
                return job;
            }
        }
        foreach (var entry in await Database.StreamReadGroupAsync(StreamKey, GroupName, ConsumerName, StreamPosition.NewMessages, count: 1))
        {
            if (await ClaimAsync(entry, reclaimed: false, cancellationToken) is { } job)
            {
                return job;
            }
        }
        return null;
    }

    /// <summary>Claims an entry's job in the database; an entry with nothing (left) to run is acknowledged at once.</summary>
    private async Task<ClaimedAnalysisJob?> ClaimAsync(StreamEntry entry, bool reclaimed, CancellationToken cancellationToken)
    {
        var claimed = long.TryParse((string?)entry[JobField], NumberStyles.Integer, CultureInfo.InvariantCulture, out var jobId)
            ? await jobs.ClaimAsync(jobId, reclaimed, cancellationToken)
            : null;
        var held = claimed is null ? null : new ClaimedAnalysisJob(claimed, entry.Id!);
        if (held is null)
        {
            await AcknowledgeAsync(entry.Id!, cancellationToken);
        }
        return held;
    }

    public IAsyncDisposable Hold(ClaimedAnalysisJob job) => new StreamClaimHeartbeat(this, job.StreamEntryId!, ReclaimAfter / 3, time);

    public Task AcknowledgeAsync(ClaimedAnalysisJob job, CancellationToken cancellationToken) =>
        AcknowledgeAsync(job.StreamEntryId!, cancellationToken);

    private async Task AcknowledgeAsync(string entryId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.StreamAcknowledgeAsync(StreamKey, GroupName, entryId);
        await Database.StreamDeleteAsync(StreamKey, [entryId]);
    }

    /// <summary>Resets the entry's idle time: it stays with this consumer.</summary>
    internal Task RenewAsync(string entryId) =>
        Database.StreamClaimIdsOnlyAsync(StreamKey, GroupName, ConsumerName, 0, [entryId]);

    public async Task<AnalysisTransportDepth> DepthAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var length = await Database.StreamLengthAsync(StreamKey);
        var pending = await Database.StreamPendingAsync(StreamKey, GroupName);
        return new AnalysisTransportDepth("redis-stream", length, pending.PendingMessageCount);
    }

    private sealed class StreamClaimHeartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public StreamClaimHeartbeat(RedisAnalysisJobSource source, string entryId, TimeSpan interval, TimeProvider time)
        {
            _loop = RunAsync(source, entryId, interval, time, _stop.Token);
        }

        private static async Task RunAsync(RedisAnalysisJobSource source, string entryId, TimeSpan interval, TimeProvider time, CancellationToken stop)
        {
            using var timer = new PeriodicTimer(interval, time);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    await source.RenewAsync(entryId);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (RedisException)
            {
                // Redis unreachable: the entry may be reclaimed elsewhere; the database claim keeps the job from running twice at once.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
