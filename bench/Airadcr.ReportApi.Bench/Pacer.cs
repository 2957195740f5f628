using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// Waits for a <see cref="Stopwatch"/> timestamp precisely and cheaply, on a thread of its own: it sleeps
/// (nanosleep, with the thread's timer slack cut to 1 ns on Linux) until shortly before the deadline, then spins the
/// rest. Task.Delay/Thread.Sleep wake at millisecond granularity (Task.Delay(1) sent requests two at a time every
/// ~4 ms here), and spinning the whole time would take a core from the server. The open loop's threads (this
/// pacer and the connections' readers) run at nice <see cref="OpenLoopNice"/> where allowed (root), so that on a
/// busy machine they are woken promptly to send on time and to timestamp each answer: they use little CPU.
/// </summary>
internal static partial class Pacer
{
    /// <summary>How long before a deadline the sleep ends and the spin begins.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000; // 100 µs: nanosleep overshoots by ~50 µs here

    /// <summary>The nice value of the open loop's threads on Linux (0 is the default; fails silently unless root).</summary>
    public const int OpenLoopNice = -5;

    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK
    private const int PriorityOfProcess = 0; // PRIO_PROCESS; with a thread id it applies to that thread alone

    /// <summary>Starts a thread of the open loop: 1 ns timer slack and nice <see cref="OpenLoopNice"/> on Linux.</summary>
    public static Thread StartThread(string name, Action work)
    {
        var thread = new Thread(() =>
        {
            if (OperatingSystem.IsLinux())
            {
                _ = prctl(SetTimerSlack, 1, 0, 0, 0);
                _ = setpriority(PriorityOfProcess, gettid(), OpenLoopNice);
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

    [LibraryImport("libc")]
    private static partial int setpriority(int which, int who, int priority);

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
