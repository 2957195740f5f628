namespace Airadcr.AppHost.Servers;

/// <summary>Names every missing server program with its package; with <c>--strict</c>, refuses to start.</summary>
internal static class ServerCheck
{
    public static bool Refuses(ServerPrograms programs, bool strict)
    {
        foreach (var missing in programs.Missing)
        {
            Console.Error.WriteLine($"AppHost: {missing.Message}");
        }
        if (programs.Missing.Count == 0)
        {
            return false;
        }
        if (strict)
        {
            Console.Error.WriteLine("AppHost: --strict: not starting, a server program is missing (see above).");
            return true;
        }
        Console.Error.WriteLine("AppHost: the services whose server is missing run on their embedded defaults (SQLite, in-memory cache, no PACS).");
        return false;
    }
}
