using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Logging;

namespace Airadcr.DicomGateway.Storage;

/// <summary>
/// Group commit of received instances: those that arrive while a commit runs are made durable together, so that
/// concurrent associations share fsyncs and index transactions. One batch: each temporary file is renamed into place
/// -> every file and every directory touched is fsynced, concurrently -> one index transaction -> each waiting C-STORE
/// gets its answer. A file is durable before its index row; an instance already indexed (or earlier in the batch) keeps
/// its first copy. A file found at the final path but not indexed was never acknowledged: it is replaced.
/// </summary>
public sealed class InstanceGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 64;
    private static readonly Meter Meter = new("Airadcr.DicomGateway.Storage");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("airadcr.gateway.group_commit.instances", "{instance}",
        "Instances made durable by one group commit");
    private static readonly Histogram<double> CommitTime = Meter.CreateHistogram<double>("airadcr.gateway.group_commit.duration", "s",
        "Time of one group commit (fsyncs and index transaction)");
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly InstanceIndex _index;
    private readonly ILogger<InstanceGroupCommit> _logger;
    private readonly Thread _writer;

    private sealed record Entry(string TemporaryPath, string FinalPath, IndexedInstance Instance, TaskCompletionSource<bool> Done);

    public InstanceGroupCommit(InstanceIndex index, ILogger<InstanceGroupCommit> logger)
    {
        _index = index;
        _logger = logger;
        // The log writer of a database, in small: one dedicated thread, so that blocking fsyncs and index commits
        // never wait for (or starve) the thread pool the associations run on.
        _writer = new Thread(Run) { IsBackground = true, Name = "instance-group-commit" };
        _writer.Start();
    }

    /// <summary>Stores and indexes an instance durably; true when stored, false when an earlier copy is kept.</summary>
    public async Task<bool> CommitAsync(string temporaryPath, string finalPath, IndexedInstance instance, CancellationToken cancellationToken)
    {
        var entry = new Entry(temporaryPath, finalPath, instance, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(entry))
        {
            throw new IOException("the gateway is stopping");
        }
        return await entry.Done.Task.WaitAsync(cancellationToken);
    }

    private void Run()
    {
        var batch = new List<Entry>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                CommitBatchAsync(batch).GetAwaiter().GetResult();
                BatchSize.Record(batch.Count);
                CommitTime.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception error)
            {
                _logger.GroupCommitFailed(batch.Count, error.Message);
                foreach (var entry in batch)
                {
                    entry.Done.TrySetException(error);
                }
            }
            batch.Clear();
        }
    }

    private async Task CommitBatchAsync(List<Entry> batch)
    {
        var stored = new List<Entry>(batch.Count);
        var files = new DurableFiles();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in batch)
            {
                if (!seen.Add(entry.Instance.SopInstanceUid) || await _index.ContainsAsync(entry.Instance.SopInstanceUid, CancellationToken.None))
                {
                    entry.Done.TrySetResult(false);
                    continue;
                }
                files.Place(entry.TemporaryPath, entry.FinalPath);
                stored.Add(entry);
            }
            if (stored.Count == 0)
            {
                return;
            }
            files.Sync();
            await _index.AddAsync([.. stored.Select(entry => entry.Instance)], CancellationToken.None);
        }
        catch
        {
            await DiscardUnindexedAsync(stored);
            throw;
        }
        foreach (var entry in stored)
        {
            entry.Done.TrySetResult(true);
        }
    }

    /// <summary>
    /// A failed batch (disk full, index unavailable) acknowledged nothing: the files it placed go, unless the index
    /// holds them after all (a commit that failed only in its reply); when the index cannot say, they stay, to be
    /// replaced by the peer's retry.
    /// </summary>
    private async Task DiscardUnindexedAsync(List<Entry> stored)
    {
        try
        {
            var unindexed = new List<string>();
            foreach (var entry in stored)
            {
                if (File.Exists(entry.FinalPath) && !await _index.ContainsAsync(entry.Instance.SopInstanceUid, CancellationToken.None))
                {
                    unindexed.Add(entry.FinalPath);
                }
            }
            DurableFiles.Discard(unindexed);
        }
        catch (Exception error) when (error is IOException or System.Data.Common.DbException)
        {
            _logger.GroupCommitFailed(stored.Count, "placed files kept: " + error.Message);
        }
    }

    public ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _writer.Join();
        return ValueTask.CompletedTask;
    }
}
