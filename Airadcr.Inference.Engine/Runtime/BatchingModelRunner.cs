using System.Threading.Channels;

namespace Airadcr.Inference.Engine.Runtime;

/// <summary>
/// Runs the planes of concurrent requests through one <see cref="ModelSession"/> in dynamic batches: a batch takes
/// every queued plane of the same size up to <see cref="InferenceOptions.MaxBatch"/>, and waits up to
/// <see cref="InferenceOptions.MaxWait"/> for more only while other requests are in flight. The queue is bounded in
/// planes; a request that does not fit is refused with <see cref="InferenceQueueFullException"/>. A request that finds
/// the runner idle and fits in one batch runs on the caller's thread (no hand-off to the batching worker).
/// </summary>
public sealed class BatchingModelRunner : IAsyncDisposable
{
    private readonly string _modelId;
    private readonly ModelSession _model;
    private readonly InferenceOptions _options;
    private readonly InferenceMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly Channel<PlaneWork> _queue = Channel.CreateUnbounded<PlaneWork>(new() { SingleReader = true });
    private readonly Queue<PlaneWork> _carried = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Task _worker;
    private int _queuedPlanes;
    private int _requestsInFlight;

    public BatchingModelRunner(string modelId, ModelSession session, InferenceOptions options, InferenceMetrics metrics, TimeProvider time)
    {
        _modelId = modelId;
        _model = session;
        _options = options;
        _metrics = metrics;
        _time = time;
        metrics.TrackQueue(modelId, () => Volatile.Read(ref _queuedPlanes));
        _worker = Task.Run(RunBatchesAsync);
    }

    public int QueuedPlanes => Volatile.Read(ref _queuedPlanes);

    /// <summary>Runs planes of one size; returns, per plane, its values of each output.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, float[]>>> RunAsync(
        IReadOnlyList<float[]> planes, int height, int width, CancellationToken cancellationToken)
    {
        if (planes.Count == 0)
        {
            return [];
        }

        var idle = Admit(planes.Count);
        if (idle && planes.Count <= _options.MaxBatch && _gate.Wait(0))
        {
            try
            {
                return Execute(planes, height, width);
            }
            finally
            {
                _gate.Release();
                Interlocked.Add(ref _queuedPlanes, -planes.Count);
            }
        }

        var request = new object();
        Interlocked.Increment(ref _requestsInFlight);
        try
        {
            var work = planes.Select(p => new PlaneWork(p, height, width, request, cancellationToken)).ToList();
            foreach (var item in work)
            {
                _queue.Writer.TryWrite(item);
            }

            return await Task.WhenAll(work.Select(w => w.Done.Task)).WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _requestsInFlight);
        }
    }

    /// <returns>True when nothing else was queued or running.</returns>
    private bool Admit(int planes)
    {
        var after = Interlocked.Add(ref _queuedPlanes, planes);
        // A request larger than the whole queue still runs when the queue is otherwise empty.
        if (after > _options.QueueCapacity && after != planes)
        {
            Interlocked.Add(ref _queuedPlanes, -planes);
            throw new InferenceQueueFullException(_modelId, TimeSpan.FromSeconds(_options.RetryAfterSeconds));
        }

        return after == planes;
    }

    private async Task RunBatchesAsync()
    {
        var batch = new List<PlaneWork>(_options.MaxBatch);
        try
        {
            while (await NextBatchAsync(batch))
            {
                await _gate.WaitAsync(_stop.Token);
                try
                {
                    RunBatch(batch);
                }
                finally
                {
                    _gate.Release();
                }

                Interlocked.Add(ref _queuedPlanes, -batch.Count);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> NextBatchAsync(List<PlaneWork> batch)
    {
        if (!_carried.TryDequeue(out var first))
        {
            if (!await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                return false;
            }

            _queue.Reader.TryRead(out first);
        }

        batch.Add(first!);
        var requests = new HashSet<object> { first!.Request };
        using var timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, timer.Token);
        var waitStarted = false;
        while (batch.Count < _options.MaxBatch)
        {
            if (_queue.Reader.TryRead(out var next))
            {
                if (next.Height == first.Height && next.Width == first.Width)
                {
                    batch.Add(next);
                    requests.Add(next.Request);
                }
                else
                {
                    _carried.Enqueue(next);
                }

                continue;
            }

            if (requests.Count >= Volatile.Read(ref _requestsInFlight) || _options.MaxWait <= TimeSpan.Zero)
            {
                break;
            }

            if (!waitStarted)
            {
                timer.CancelAfter(_options.MaxWait);
                waitStarted = true;
            }

            try
            {
                await _queue.Reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                break;
            }
        }

        return true;
    }

    private void RunBatch(List<PlaneWork> batch)
    {
        var live = batch.Where(w => !w.Cancellation.IsCancellationRequested).ToList();
        foreach (var cancelled in batch.Where(w => w.Cancellation.IsCancellationRequested))
        {
            cancelled.Done.TrySetCanceled(cancelled.Cancellation);
        }

        if (live.Count == 0)
        {
            return;
        }

        try
        {
            var outputs = Execute(live.Select(w => w.Plane).ToList(), live[0].Height, live[0].Width);
            for (var i = 0; i < live.Count; i++)
            {
                live[i].Done.TrySetResult(outputs[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var work in live)
            {
                work.Done.TrySetException(e);
            }
        }
    }

    /// <summary>One InferenceSession.Run over planes of one size; the caller holds the session gate.</summary>
    private IReadOnlyDictionary<string, float[]>[] Execute(IReadOnlyList<float[]> planes, int height, int width)
    {
        var planeSize = height * width;
        var input = planes.Count == 1 ? planes[0] : new float[planes.Count * planeSize];
        for (var i = 0; planes.Count > 1 && i < planes.Count; i++)
        {
            planes[i].CopyTo(input, i * planeSize);
        }

        var started = _time.GetTimestamp();
        var outputs = _model.Run(input, planes.Count, height, width);
        _metrics.RecordRun(_modelId, planes.Count, _time.GetElapsedTime(started));
        return Enumerable.Range(0, planes.Count)
            .Select(i => (IReadOnlyDictionary<string, float[]>)outputs.ToDictionary(o => o.Key, o => o.Value[i]))
            .ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        await _worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_carried.TryDequeue(out var left) || _queue.Reader.TryRead(out left))
        {
            left.Done.TrySetException(new ObjectDisposedException(nameof(BatchingModelRunner)));
        }

        _stop.Dispose();
        _model.Dispose();
        _gate.Dispose();
    }

    private sealed record PlaneWork(float[] Plane, int Height, int Width, object Request, CancellationToken Cancellation)
    {
        public TaskCompletionSource<IReadOnlyDictionary<string, float[]>> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
