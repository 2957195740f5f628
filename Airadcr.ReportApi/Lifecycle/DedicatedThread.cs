using System.Runtime.InteropServices;

namespace Airadcr.ReportApi.Lifecycle;

/// <summary>
/// Runs synchronous background work (SQLite's I/O is synchronous under its async API) on a thread of its own, so it
/// never holds a thread-pool worker the requests need; at the lowest CPU priority when asked, so that it takes only
/// the CPU the requests leave. Windows and macOS honour <see cref="ThreadPriority"/>; on Linux .NET ignores it, so
/// the thread sets its own nice value (19), which the Linux scheduler applies per thread.
/// </summary>
public static partial class DedicatedThread
{
    /// <summary>The nice value of a lowest-priority thread on Linux.</summary>
    public const int LowestPriorityNice = 19;

    private const int PriorityOfProcess = 0; // PRIO_PROCESS; with a thread id it applies to that thread alone

    public static Task RunAsync(string name, bool lowestPriority, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (lowestPriority && OperatingSystem.IsLinux())
                {
                    _ = setpriority(PriorityOfProcess, gettid(), LowestPriorityNice);
                }

                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            Name = name,
            IsBackground = true,
            Priority = lowestPriority ? ThreadPriority.Lowest : ThreadPriority.Normal,
        };
        thread.Start();
        return done.Task;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int priority);

    [LibraryImport("libc")]
    private static partial int gettid();
}
