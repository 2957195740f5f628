using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// An open-loop run: one pacing thread sends request i at start + i / rate (on whichever pooled connection is idle),
/// and each connection has a thread of its own blocked reading its responses. Latency runs from the moment the
/// request's first byte is handed to the socket to the moment its response is read whole; how late the pacer sent
/// each request against its schedule (lag) is recorded apart, so a generator that falls behind shows. Everything is
/// recorded into arrays allocated before the run: no allocation, no thread-pool hop, no task per request.
/// </summary>
internal sealed class OpenLoop
{
    private readonly Slot[] slots;
    private readonly int[] idle;
    private readonly Lock idleGate = new();
    private readonly long[] sentAt;
    private readonly long[] latency;
    private readonly long[] lag;
    private readonly bool[] failed;
    private readonly ManualResetEventSlim allAnswered = new();
    private int idleCount;
    private int unanswered;
    private volatile bool stopping;

    private OpenLoop(IPEndPoint server, int connections, int total)
    {
        slots = [.. Enumerable.Range(0, connections).Select(_ => new Slot(RawHttpConnection.Open(server)))];
        idle = [.. Enumerable.Range(0, connections)];
        idleCount = connections;
        sentAt = new long[total];
        latency = new long[total];
        lag = new long[total];
        failed = new bool[total];
        unanswered = total;
    }

    /// <summary>Sends <paramref name="rate"/> requests a second for <paramref name="duration"/> and waits for the answers.</summary>
    public static RecordedRun Run(IPEndPoint server, BenchRequest request, Func<int> nextId, int rate, TimeSpan duration, int connections)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var run = new OpenLoop(server, connections, total);
        var receivers = run.slots.Select((slot, index) => Pacer.StartThread($"receiver {index}", () => run.Receive(index))).ToList();
        var window = GeneratorGcWindow.Start();
        var startedUtc = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        Pacer.StartThread("pacer", () => run.Pace(request, nextId, rate, started)).Join();
        run.allAnswered.Wait(TimeSpan.FromSeconds(30)); // any still unanswered then fail when their connection closes
        var elapsed = Stopwatch.GetElapsedTime(started);
        var collections = window.Collections;
        run.stopping = true;
        foreach (var slot in run.slots)
        {
            slot.Connection.Dispose();
        }

        receivers.ForEach(receiver => receiver.Join());
        return new RecordedRun(run.sentAt, run.latency, run.lag, run.failed, elapsed, new ClockAnchor(startedUtc, started), collections);
    }

    private void Pace(BenchRequest request, Func<int> nextId, int rate, long started)
    {
        for (var i = 0; i < sentAt.Length; i++)
        {
            var due = started + (long)(i * (double)Stopwatch.Frequency / rate);
            Pacer.WaitUntil(due);
            var slot = slots[TakeIdle()];
            request.SetId(nextId());
            slot.Request = i;
            sentAt[i] = slot.SentAt = Stopwatch.GetTimestamp();
            lag[i] = sentAt[i] - due;
            Volatile.Write(ref slot.Busy, 1);
            try
            {
                slot.Connection.Send(request.Bytes);
            }
            catch (SocketException)
            {
                Fail(slot);
            }
        }
    }

    private void Receive(int index)
    {
        var slot = slots[index];
        while (!stopping)
        {
            int status;
            try
            {
                status = slot.Connection.ReadResponse();
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                slot.Lost = true; // it stays out of the idle set
                Fail(slot);
                return;
            }

            var answeredAt = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref slot.Busy, 0);
            latency[slot.Request] = answeredAt - slot.SentAt;
            failed[slot.Request] = status is < 200 or > 299;
            lock (idleGate)
            {
                idle[idleCount++] = index;
            }

            Answered();
        }
    }

    /// <summary>The slot's request, if it has one still waiting, fails (once, whichever thread sees it first).</summary>
    private void Fail(Slot slot)
    {
        if (Interlocked.Exchange(ref slot.Busy, 0) == 1)
        {
            failed[slot.Request] = true;
            Answered();
        }
    }

    private int TakeIdle()
    {
        while (true)
        {
            lock (idleGate)
            {
                while (idleCount > 0)
                {
                    var index = idle[--idleCount];
                    if (!slots[index].Lost)
                    {
                        return index;
                    }
                }
            }

            if (slots.All(slot => slot.Lost))
            {
                throw new IOException("Every connection to the server is lost");
            }

            Thread.Sleep(1); // every connection busy (a server stall): the wait shows as lag; never spin at real-time priority
        }
    }

    private void Answered()
    {
        if (Interlocked.Decrement(ref unanswered) == 0)
        {
            allAnswered.Set();
        }
    }

    /// <summary>A pooled connection and the request it is waiting on (fields: updated with Interlocked/Volatile).</summary>
    private sealed class Slot(RawHttpConnection connection)
    {
        public readonly RawHttpConnection Connection = connection;
        public int Request;
        public long SentAt;
        public int Busy;
        public volatile bool Lost;
    }
}
