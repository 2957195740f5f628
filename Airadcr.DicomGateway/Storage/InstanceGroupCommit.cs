using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Logging;

namespace Airadcr.DicomGateway.Storage;

/// <summary>
/// Group commit of received instances: those that arrive while a commit runs are made durable together, so that
/// concurrent associations share fsyncs and index transactions. A pipeline of two dedicated threads, like the log
/// writer of a database:
/// <list type="number">
/// <item>files: a batch's duplicates are set aside (an instance earlier in the batch or in a batch still in flight
/// waits for that batch's outcome; one query finds those already indexed, which keep their first copy), each new
/// temporary file is renamed into place, the batch goes to the index thread, and every file and directory touched is
/// fsynced, concurrently;</item>
/// <item>index: the batch's rows are written in one transaction while its fsyncs run, COMMIT once they are done,
/// then each waiting C-STORE gets its answer.</item>
/// </list>
/// So a file is durable before its index row, and the next batch's files are placed and fsynced while the previous
/// batch commits. The index commit does not wait for its own flush (<see cref="CommitSync.Deferred"/>): about once a
/// second while instances arrive, and when the gateway stops, the index thread records the
/// <see cref="IndexWatermark"/> in a flushed commit, the time before which every placed file has its row on disk;
/// <see cref="StorageRecovery"/> indexes at start-up what storage gained since. A file found at the final path but
/// not indexed when its instance arrives again is replaced.
/// </summary>
public sealed class InstanceGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 64;

    /// <summary>How long rows committed without their own flush wait, at most, for the watermark's flushed commit.</summary>
    public static readonly TimeSpan WatermarkInterval = TimeSpan.FromSeconds(1);
    private static readonly Meter Meter = new("Airadcr.DicomGateway.Storage");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("airadcr.gateway.group_commit.instances", "{instance}",
        "Instances made durable by one group commit");
    private static readonly Histogram<double> CommitTime = Meter.CreateHistogram<double>("airadcr.gateway.group_commit.duration", "s",
        "Time of one group commit (fsyncs and index transaction)");
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Batch> _placed = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Dictionary<string, Batch> _inFlight = new(StringComparer.Ordinal);
    private readonly InstanceIndex _index;
    private readonly IndexWatermark _watermark;
    private readonly TimeProvider _time;
    private readonly ILogger<InstanceGroupCommit> _logger;
    private readonly Thread _filesThread;
    private readonly Thread _indexThread;
    private DateTimeOffset? _unflushedSince; // index thread: first commit not yet covered by a recorded watermark

    private sealed record Entry(string TemporaryPath, string FinalPath, IndexedInstance Instance, TaskCompletionSource<bool> Done);

    /// <summary>One group commit: the entries it stores, the duplicates answered with its outcome, and its fsyncs.</summary>
    private sealed class Batch
    {
        public long Started { get; } = Stopwatch.GetTimestamp();

        /// <summary>When its first file was about to be placed (set with its first in-flight entry, under the lock).</summary>
        public DateTimeOffset PlacingSince { get; set; }

        public List<Entry> Stored { get; } = [];

        public List<Entry> Duplicates { get; } = [];

        public TaskCompletionSource FilesDurable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public InstanceGroupCommit(InstanceIndex index, IndexWatermark watermark, TimeProvider time, ILogger<InstanceGroupCommit> logger)
    {
        _index = index;
        _watermark = watermark;
        _time = time;
        _logger = logger;
        // Dedicated threads, so that blocking fsyncs and index commits never wait for (or starve) the thread pool the
        // associations run on.
        _filesThread = new Thread(PlaceFiles) { IsBackground = true, Name = "instance-group-commit-files" };
        _indexThread = new Thread(CommitIndex) { IsBackground = true, Name = "instance-group-commit-index" };
        _filesThread.Start();
        _indexThread.Start();
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

    private void PlaceFiles()
    {
        var entries = new List<Entry>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (entries.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
            {
                entries.Add(entry);
            }
            var batch = new Batch();
            var files = new DurableFiles();
            try
            {
                PlaceAsync(entries, batch, files).GetAwaiter().GetResult();
            }
            catch (Exception error)
            {
                // Nothing more is placed: the index thread discards what was and fails the batch; the others fail now.
                _placed.Writer.TryWrite(batch);
                batch.FilesDurable.TrySetException(error);
                foreach (var entry in entries.Except(batch.Stored))
                {
                    entry.Done.TrySetException(error);
                }
                entries.Clear();
                continue;
            }
            _placed.Writer.TryWrite(batch);
            try
            {
                files.Sync();
                batch.FilesDurable.TrySetResult();
            }
            catch (Exception error)
            {
                batch.FilesDurable.TrySetException(error);
            }
            entries.Clear();
        }
        _placed.Writer.TryComplete();
    }

    /// <summary>Sets the duplicates aside and renames the others' files into place.</summary>
    private async Task PlaceAsync(List<Entry> entries, Batch batch, DurableFiles files)
    {
        var candidates = new Dictionary<string, Entry>(StringComparer.Ordinal);
        lock (_inFlight)
        {
            // In flight first, then the index: a batch leaves the in-flight set only once committed.
            foreach (var entry in entries)
            {
                var uid = entry.Instance.SopInstanceUid;
                if (_inFlight.TryGetValue(uid, out var earlier))
                {
                    earlier.Duplicates.Add(entry);
                }
                else if (!candidates.TryAdd(uid, entry))
                {
                    batch.Duplicates.Add(entry);
                }
            }
        }
        var indexed = await _index.IndexedAmongAsync(candidates.Keys, CancellationToken.None);
        foreach (var (uid, entry) in candidates)
        {
            if (indexed.Contains(uid))
            {
                entry.Done.TrySetResult(false);
                continue;
            }
            lock (_inFlight)
            {
                if (batch.Stored.Count == 0)
                {
                    batch.PlacingSince = _time.GetUtcNow();
                }
                _inFlight.Add(uid, batch);
                batch.Stored.Add(entry);
            }
            files.Place(entry.TemporaryPath, entry.FinalPath);
        }
    }

    private void CommitIndex()
    {
        while (WaitForBatch())
        {
            while (_placed.Reader.TryRead(out var batch))
            {
                if (CommitAsync(batch).GetAwaiter().GetResult())
                {
                    _unflushedSince ??= _time.GetUtcNow();
                }
                if (_unflushedSince is { } since && _time.GetUtcNow() - since >= WatermarkInterval)
                {
                    RecordWatermark();
                }
            }
        }
        if (_unflushedSince is not null)
        {
            RecordWatermark(); // the gateway is stopping
        }
    }

    /// <summary>Waits for the next batch; records the watermark when it falls due first. False once no batch can come.</summary>
    private bool WaitForBatch()
    {
        if (_unflushedSince is not { } since)
        {
            return _placed.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
        }
        var due = since + WatermarkInterval - _time.GetUtcNow();
        using var timeout = new CancellationTokenSource(due > TimeSpan.Zero ? due : TimeSpan.Zero, _time);
        try
        {
            return _placed.Reader.WaitToReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            RecordWatermark();
            return true;
        }
    }

    /// <summary>
    /// Records, in a flushed commit, that every file placed before the oldest batch still in flight (or before now) has
    /// its row on disk: such a batch's rows are committed already, and this commit flushes them with its own.
    /// </summary>
    private void RecordWatermark()
    {
        DateTimeOffset durableBefore;
        lock (_inFlight)
        {
            durableBefore = _time.GetUtcNow();
            foreach (var batch in _inFlight.Values)
            {
                durableBefore = batch.PlacingSince < durableBefore ? batch.PlacingSince : durableBefore;
            }
        }
        try
        {
            _watermark.RecordAsync(durableBefore, CancellationToken.None).GetAwaiter().GetResult();
            _unflushedSince = null;
        }
        catch (Exception error)
        {
            _logger.WatermarkFailed(error.Message);
            _unflushedSince = _time.GetUtcNow(); // tried again a watermark interval later
        }
    }

    /// <summary>Commits a batch's rows and answers its C-STOREs; true when rows were committed.</summary>
    private async Task<bool> CommitAsync(Batch batch)
    {
        Exception? failure = null;
        try
        {
            if (batch.Stored.Count > 0)
            {
                await _index.AddAsync([.. batch.Stored.Select(entry => entry.Instance)], batch.FilesDurable.Task, CancellationToken.None);
            }
            else
            {
                await batch.FilesDurable.Task;
            }
            BatchSize.Record(batch.Stored.Count);
            CommitTime.Record(Stopwatch.GetElapsedTime(batch.Started).TotalSeconds);
        }
        catch (Exception error)
        {
            failure = error;
            _logger.GroupCommitFailed(batch.Stored.Count + batch.Duplicates.Count, error.Message);
            await DiscardUnindexedAsync(batch.Stored);
        }
        List<Entry> duplicates;
        lock (_inFlight)
        {
            foreach (var entry in batch.Stored)
            {
                _inFlight.Remove(entry.Instance.SopInstanceUid);
            }
            duplicates = [.. batch.Duplicates];
        }
        foreach (var entry in batch.Stored)
        {
            Answer(entry, failure, stored: true);
        }
        foreach (var entry in duplicates)
        {
            Answer(entry, failure, stored: false);
        }
        return failure is null && batch.Stored.Count > 0;
    }

    private static void Answer(Entry entry, Exception? failure, bool stored)
    {
        if (failure is null)
        {
            entry.Done.TrySetResult(stored);
        }
        else
        {
            entry.Done.TrySetException(failure);
        }
    }

    /// <summary>
    /// A failed batch (disk full, index unavailable) acknowledged nothing: the files it placed go, unless the index
    /// holds them after all (a commit that failed only in its reply); when the index cannot say, they stay, to be
    /// replaced by the peer's retry. Runs while the batch is still in flight, so that no retry is placed meanwhile.
    /// </summary>
    private async Task DiscardUnindexedAsync(List<Entry> stored)
    {
        try
        {
            var indexed = await _index.IndexedAmongAsync([.. stored.Select(entry => entry.Instance.SopInstanceUid)], CancellationToken.None);
            DurableFiles.Discard(stored.Where(entry => !indexed.Contains(entry.Instance.SopInstanceUid) && File.Exists(entry.FinalPath))
                .Select(entry => entry.FinalPath));
        }
        catch (Exception error)
        {
            _logger.GroupCommitFailed(stored.Count, "placed files kept: " + error.Message);
        }
    }

    public ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _filesThread.Join();
        _indexThread.Join();
        return ValueTask.CompletedTask;
    }
}
