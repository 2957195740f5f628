using Airadcr.AppHost.Run;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Servers;

/// <summary>
/// Where PostgreSQL, Redis and Orthanc come from in this run: official container images, or Debian's binaries found
/// on this machine (a missing one is named with its package, and its resource left out: the services then run on their
/// embedded defaults, unless <c>--strict</c>).
/// </summary>
public sealed class ServerPrograms
{
    private readonly Dictionary<string, string> _found = [];

    private ServerPrograms(bool containers) => Containers = containers;

    /// <summary>True: the servers are container resources (official images); false: executables.</summary>
    public bool Containers { get; }

    public List<MissingToolException> Missing { get; } = [];

    /// <summary>The program's path (executables), or null when it is missing.</summary>
    public string? this[string program] => _found.GetValueOrDefault(program);

    public bool Has(params string[] programs) => Containers || programs.All(_found.ContainsKey);

    public static ServerPrograms Find(AppHostOptions options, bool publishing)
    {
        var containers = publishing || options.Servers switch
        {
            ServerMode.Containers => true,
            ServerMode.Executables => false,
            _ => ContainerEngine.Answers(),
        };
        var programs = new ServerPrograms(containers);
        if (!containers)
        {
            programs.Look("postgres", PostgreSqlCluster.AptPackage, options.ServerPath, ToolLocator.PostgreSqlBinDirectory);
            programs.Look("initdb", PostgreSqlCluster.AptPackage, options.ServerPath, ToolLocator.PostgreSqlBinDirectory);
            programs.Look("redis-server", RedisInstance.AptPackage, options.ServerPath);
            programs.Look("Orthanc", OrthancInstance.AptPackage, options.ServerPath);
            if (programs.Has("Orthanc") && !File.Exists(OrthancInstance.DicomWebPlugin))
            {
                programs._found.Remove("Orthanc");
                programs.Missing.Add(new MissingToolException(OrthancInstance.DicomWebPlugin, OrthancInstance.DicomWebAptPackage));
            }
        }
        return programs;
    }

    private void Look(string program, string aptPackage, IReadOnlyList<string>? serverPath, params string[] extra)
    {
        try
        {
            _found[program] = ToolLocator.FindServer(program, aptPackage, serverPath, extra);
        }
        catch (MissingToolException missing)
        {
            Missing.Add(missing);
        }
    }
}
