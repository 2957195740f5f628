using Airadcr.LocalServers;

namespace Airadcr.AppHost.Hosting;

/// <summary>Redis 7 (Debian package), password generated per run, no persistence; fallback: in-memory cache and queue.</summary>
public sealed class RedisResource(string name) : ServerResource(name), IResourceWithConnectionString
{
    private RedisInstance? _redis;

    internal Endpoint Tcp { get; } = new("tcp", null);

    /// <summary>StackExchange.Redis format with the password, as Aspire's <c>AddRedis()</c>.</summary>
    public string? ConnectionString => Published
        ? $"{Name}:6379,password=${{REDIS_PASSWORD}}"
        : State == ResourceState.Running ? _redis?.ConnectionString : null;

    public override IEnumerable<(string, string)> Urls() => State == ResourceState.Running ? [("tcp", $"127.0.0.1:{Tcp.Port}")] : [];

    internal override IEnumerable<Endpoint> Endpoints() => [Tcp];

    internal override IEnumerable<int> ContainerPorts() => [6379];

    protected override string EmbeddedDefault => "in-memory cache and in-process queue";

    protected override string FindProgram(IReadOnlyList<string>? serverPath) => RedisInstance.FindServer(serverPath);

    private protected override Task<ServerProcess> StartServerAsync(RunContext context, CancellationToken cancellationToken)
    {
        _redis = new RedisInstance(context.DataDirectoryOf(this), Tcp.Port, GeneratedSecret.Hex(16))
        {
            ServerPath = context.Options.ServerPath,
        };
        return _redis.StartAsync(context.LogPathOf(this), cancellationToken);
    }
}
