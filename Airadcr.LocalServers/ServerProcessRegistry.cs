using System.Collections.Concurrent;

namespace Airadcr.LocalServers;

/// <summary>
/// Every process started through <see cref="ServerProcess"/> by this process (a test host's fixtures, the AppHost).
/// The test fixture <c>NoServerProcessLeft</c> checks at the end of a run that none of them outlived it.
/// </summary>
public static class ServerProcessRegistry
{
    private static readonly ConcurrentDictionary<int, byte> Started = new();

    public static void Add(int pid) => Started.TryAdd(pid, 0);

    public static IReadOnlyCollection<int> StartedPids => Started.Keys.ToArray();

    public static IReadOnlyCollection<int> LivePids() => Started.Keys.Where(ProcessTable.IsAlive).ToArray();
}
