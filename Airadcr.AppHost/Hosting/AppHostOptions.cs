namespace Airadcr.AppHost.Hosting;

/// <summary>
/// The AppHost's command line: <c>[run]</c> (default) or <c>publish --output DIR</c>, plus <c>--data DIR</c>
/// (run folder, <c>.airadcr</c>), <c>--fresh</c> (delete it first), <c>--strict</c> (a missing server program is an
/// error, not a fallback to the embedded default), <c>--otlp URL</c> (else <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>),
/// <c>--otlp-protocol grpc|http/protobuf</c>, <c>--stable-seconds N</c>, <c>--quiet</c> (no log lines on the console),
/// <c>--configuration Debug|Release</c>, <c>--server-path DIRS</c> (else <c>AIRADCR_SERVER_PATH</c>: the only folders searched for the server programs).
/// </summary>
public sealed record AppHostOptions
{
    public const string Usage = """
        Usage: dotnet run --project Airadcr.AppHost [-- OPTIONS]
               dotnet run --project Airadcr.AppHost -- publish --output DIR
          --data DIR             run folder (databases, PACS storage, logs); default .airadcr, kept between runs
          --fresh                delete the run folder first
          --strict               fail when a server program is missing instead of using the embedded default
          --otlp URL             OTLP endpoint given to every service (default: $OTEL_EXPORTER_OTLP_ENDPOINT)
          --otlp-protocol P      grpc (default) or http/protobuf
          --stable-seconds N     seconds without a new instance before a study is stable (gateway, fractions allowed;
                                 Orthanc rounds up to whole seconds, at least 1; default 5)
          -c, --configuration C  run the services from their C build (e.g. Release: dotnet build -c Release
                                 Airadcr.AppHost first); default: each service's newest build
          --quiet                do not echo the resources' log lines (they are still written under DIR/logs)
          --server-path DIRS     folders (':'-separated) searched for postgres/initdb, redis-server and Orthanc instead
                                 of the defaults (default: $AIRADCR_SERVER_PATH, else PostgreSQL 15's bin folder, PATH,
                                 /usr/sbin, /usr/bin); a server not found there runs on its embedded default
        """;

    public string Command { get; init; } = "run";

    public string DataDirectory { get; init; } = Path.GetFullPath(".airadcr");

    public bool Fresh { get; init; }

    public bool Strict { get; init; }

    public string? OtlpEndpoint { get; init; }

    public string OtlpProtocol { get; init; } = "grpc";

    /// <summary>The gateway's stability window (fractions allowed); Orthanc's <c>StableAge</c> is this rounded up to whole seconds.</summary>
    public double StableSeconds { get; init; } = 5;

    /// <summary>The build configuration the services run from (<c>bin/{Configuration}</c>); null: the newest build.</summary>
    public string? Configuration { get; init; }

    public bool Quiet { get; init; }

    /// <summary>The only folders searched for the server programs; null: the default places (see <see cref="Usage"/>).</summary>
    public IReadOnlyList<string>? ServerPath { get; init; }

    public string? PublishOutput { get; init; }

    public bool Help { get; init; }

    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AppHostOptions
        {
            OtlpEndpoint = NullIfEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")),
            OtlpProtocol = NullIfEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL")) ?? "grpc",
            ServerPath = SplitPath(Environment.GetEnvironmentVariable("AIRADCR_SERVER_PATH")),
        };
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
                "--otlp" => options with { OtlpEndpoint = Value() },
                "--otlp-protocol" => options with { OtlpProtocol = Value() },
                "--stable-seconds" => options with { StableSeconds = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--configuration" or "-c" => options with { Configuration = Value() },
                "--quiet" => options with { Quiet = true },
                "--server-path" => options with { ServerPath = SplitPath(Value()) ?? [] },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'\n{Usage}"),
            };
        }
        if (options.Command == "publish" && options.PublishOutput is null)
        {
            throw new ArgumentException($"publish needs --output DIR\n{Usage}");
        }
        return options;
    }

    /// <summary>A PATH-like list of folders, made absolute; null when the value is unset.</summary>
    private static string[]? SplitPath(string? value) => value is null
        ? null
        : [.. value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath)];

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
