using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>How the gateway runs: embedded (SQLite, in-process queue) or server mode (PostgreSQL, Redis).</summary>
public enum GatewayMode
{
    Embedded,
    Server,
}

/// <summary>The real servers a gateway mode needs, and the configuration that points the gateway at them.</summary>
public sealed class GatewayBackends : IAsyncDisposable
{
    private GatewayBackends(GatewayMode mode) => Mode = mode;

    public GatewayMode Mode { get; }

    public PostgreSqlServer? Postgres { get; private set; }

    public RedisServer? Redis { get; private set; }

    /// <summary>Configuration keys (<c>:</c> form) for the gateway.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>The same settings as environment variables (<c>__</c> form) for a gateway process.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    public static async Task<GatewayBackends> StartAsync(GatewayMode mode, CancellationToken cancellationToken)
    {
        var backends = new GatewayBackends(mode);
        if (mode == GatewayMode.Embedded)
        {
            return backends;
        }
        try
        {
            backends.Postgres = new PostgreSqlServer();
            await backends.Postgres.InitializeAsync();
            backends.Redis = new RedisServer();
            await backends.Redis.InitializeAsync();
            backends.Settings = new Dictionary<string, string>
            {
                ["ConnectionStrings:gatewaydb"] = await backends.Postgres.CreateDatabaseAsync("gatewaydb", cancellationToken),
                ["ConnectionStrings:cache"] = backends.Redis.ConnectionString,
            };
            return backends;
        }
        catch
        {
            await backends.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
