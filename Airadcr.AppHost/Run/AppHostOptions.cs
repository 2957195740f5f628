using System.Globalization;

namespace Airadcr.AppHost.Run;

/// <summary>
/// AIRADCR's own options of the AppHost's command line (see <see cref="Usage"/>); every other argument goes to Aspire
/// (its configuration, e.g. <c>--DcpPublisher:RandomizePorts=true</c>).
/// </summary>
public sealed record AppHostOptions
{
    public const string Usage = """
        Usage: dotnet run --project Airadcr.AppHost [-c Release] [-- OPTIONS]
               dotnet run --project Airadcr.AppHost -- publish --output DIR
          --data DIR             run folder (databases, PACS storage, service data, logs, secrets); default .airadcr
                                 at the repository's root
          --fresh                delete the run folder first
          --strict               fail when a server program is missing instead of using the embedded default
          --servers MODE         executables (Debian's binaries), containers (official images) or auto (default:
                                 containers when a container engine answers, else executables)
          --server-path DIRS     folders (':'-separated) searched for postgres/initdb, redis-server and Orthanc (default:
                                 $AIRADCR_SERVER_PATH, else PostgreSQL 15's bin folder, PATH, /usr/sbin, /usr/bin)
          --otlp URL             send every service's telemetry to this OTLP endpoint instead of the Aspire dashboard
          --otlp-protocol P      grpc (default) or http/protobuf, with --otlp
          --stable-seconds N     seconds without a new instance before a study is stable (gateway, fractions allowed;
                                 Orthanc rounds up to whole seconds, at least 1; default 5)
        Aspire settings pass through, e.g. --DcpPublisher:RandomizePorts=true (every port random: a second graph).
        """;

    public string Command { get; init; } = "run";

    /// <summary>The run folder; null: <c>.airadcr</c> at the repository's root (whatever the working directory).</summary>
    public string? DataDirectory { get; init; }

    public bool Fresh { get; init; }

    public bool Strict { get; init; }

    public ServerMode Servers { get; init; } = ServerMode.Auto;

    /// <summary>The only folders searched for the server programs; null: the default places.</summary>
    public IReadOnlyList<string>? ServerPath { get; init; }

    public string? OtlpEndpoint { get; init; }

    public string OtlpProtocol { get; init; } = "grpc";

    /// <summary>The gateway's stability window; Orthanc's <c>StableAge</c> is this rounded up to whole seconds.</summary>
    public double StableSeconds { get; init; } = 5;

    public string? PublishOutput { get; init; }

    public bool Help { get; init; }

    /// <summary>The arguments that are Aspire's (configuration keys), in their order.</summary>
    public IReadOnlyList<string> AspireArguments { get; init; } = [];

    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AppHostOptions { ServerPath = SplitPath(Environment.GetEnvironmentVariable("AIRADCR_SERVER_PATH")) };
        var aspire = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value\n{Usage}");
            options = args[i] switch
            {
                "run" => options with { Command = "run" },
                "publish" => options with { Command = "publish" },
                "--output" or "-o" => options with { PublishOutput = Path.GetFullPath(Value()) },
                "--data" => options with { DataDirectory = Path.GetFullPath(Value()) },
                "--fresh" => options with { Fresh = true },
                "--strict" => options with { Strict = true },
                "--servers" => options with { Servers = ParseMode(Value()) },
                "--server-path" => options with { ServerPath = SplitPath(Value()) ?? [] },
                "--otlp" => options with { OtlpEndpoint = Value() },
                "--otlp-protocol" => options with { OtlpProtocol = Value() },
                "--stable-seconds" => options with { StableSeconds = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--help" or "-h" => options with { Help = true },
                _ => Aspire(args[i]),
            };
        }
        if (options.Command == "publish" && options.PublishOutput is null)
        {
            throw new ArgumentException($"publish needs --output DIR\n{Usage}");
        }
        return options with { AspireArguments = aspire };

        AppHostOptions Aspire(string argument)
        {
            aspire.Add(argument);
            return options;
        }
    }

    private static ServerMode ParseMode(string value) => Enum.TryParse<ServerMode>(value, ignoreCase: true, out var mode)
        ? mode
        : throw new ArgumentException($"--servers takes executables, containers or auto, not '{value}'\n{Usage}");

    private static string[]? SplitPath(string? value) => value is null
        ? null
        : [.. value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath)];
}

/// <summary>How PostgreSQL, Redis and Orthanc run: Debian's binaries as Aspire executables, or official images.</summary>
public enum ServerMode
{
    Auto,
    Executables,
    Containers,
}
