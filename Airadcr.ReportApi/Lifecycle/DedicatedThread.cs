using System.Runtime.InteropServices;

namespace Airadcr.ReportApi.Lifecycle;

/// <summary>
/// Runs background work on a thread of its own at the lowest CPU priority, so that it takes only the CPU the
/// requests leave. Windows and macOS honour <see cref="ThreadPriority"/>; on Linux .NET ignores it, so the thread
/// sets its own nice value (19), which the Linux scheduler applies per thread.
/// </summary>
public static partial class LowPriorityThread
{
    /// <summary>The nice value of the work's thread on Linux (the lowest priority).</summary>
    public const int LinuxNice = 19;

    private const int PriorityOfProcess = 0; // PRIO_PROCESS; with a thread id it applies to that thread alone

    public static Task RunAsync(string name, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (OperatingSystem.IsLinux())
                {
                    _ = setpriority(PriorityOfProcess, gettid(), LinuxNice);
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
            Priority = ThreadPriority.Lowest,
        };
        thread.Start();
        return done.Task;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int priority);

    [LibraryImport("libc")]
    private static partial int gettid();
}
