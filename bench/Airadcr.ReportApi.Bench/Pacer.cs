using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// Waits for a <see cref="Stopwatch"/> timestamp precisely and cheaply, on a thread of its own: it sleeps
/// (nanosleep, with the thread's timer slack cut to 1 ns on Linux) until shortly before the deadline, then spins the
/// rest. Task.Delay/Thread.Sleep wake at millisecond granularity (Task.Delay(1) sent requests two at a time every
/// ~4 ms here), and spinning the whole time would take a core from the server. The open loop's threads (this
/// pacer and the connections' readers) run under the real-time policy SCHED_FIFO where allowed (root), else at nice
/// <see cref="OpenLoopNice"/> where allowed: on a busy machine they are then woken at once to send on time and to
/// timestamp each answer, instead of waiting their turn behind other processes (what is measured is then the
/// server's delay, not the generator's). They use little CPU: a spin of at most 100 µs per request, and blocking reads.
/// </summary>
internal static partial class Pacer
{
    /// <summary>How long before a deadline the sleep ends and the spin begins.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000; // 100 µs: nanosleep overshoots by ~50 µs here

    /// <summary>The nice value of the open loop's threads on Linux (0 is the default; fails silently unless root).</summary>
    public const int OpenLoopNice = -5;

    /// <summary>The SCHED_FIFO priority of the open loop's threads (1-99; low: kernel threads keep precedence).</summary>
    private const int RealTimePriority = 10;

    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK
    private const int PriorityOfProcess = 0; // PRIO_PROCESS; with a thread id it applies to that thread alone
    private const int SchedFifo = 1;

    private static int realTimeThreads;
    private static int raisedThreads;

    /// <summary>How the open loop's threads were scheduled, for the report.</summary>
    public static string Scheduling =>
        Volatile.Read(ref realTimeThreads) > 0 ? $"SCHED_FIFO {RealTimePriority}"
        : Volatile.Read(ref raisedThreads) > 0 ? $"nice {OpenLoopNice}"
        : "default (not root)";

    /// <summary>Starts a thread of the open loop: 1 ns timer slack and SCHED_FIFO (else nice) on Linux.</summary>
    public static Thread StartThread(string name, Action work)
    {
        var thread = new Thread(() =>
        {
            if (OperatingSystem.IsLinux())
            {
                _ = prctl(SetTimerSlack, 1, 0, 0, 0);
                if (sched_setscheduler(0, SchedFifo, RealTimePriority) == 0)
                {
                    Interlocked.Increment(ref realTimeThreads);
                }
                else if (setpriority(PriorityOfProcess, gettid(), OpenLoopNice) == 0)
                {
                    Interlocked.Increment(ref raisedThreads);
                }
            }

            work();
        })
        {
            Name = name,
            IsBackground = true,
        };
        thread.Start();
        return thread;
    }

    public static void WaitUntil(long deadline)
    {
        for (var remaining = deadline - Stopwatch.GetTimestamp(); remaining > 0; remaining = deadline - Stopwatch.GetTimestamp())
        {
            if (remaining > SpinTicks && OperatingSystem.IsLinux())
            {
                var nanoseconds = (long)((remaining - SpinTicks) * (1e9 / Stopwatch.Frequency));
                var request = new Timespec(nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000);
                _ = nanosleep(in request, IntPtr.Zero);
            }
            else if (remaining > SpinTicks)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Timespec(long Seconds, long Nanoseconds);

    [LibraryImport("libc")]
    private static partial int nanosleep(in Timespec request, IntPtr remaining);

    /// <summary>struct sched_param is one int (the priority): passed by reference.</summary>
    [LibraryImport("libc")]
    private static partial int sched_setscheduler(int pid, int policy, in int priority);

    [LibraryImport("libc")]
    private static partial int setpriority(int which, int who, int priority);

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
