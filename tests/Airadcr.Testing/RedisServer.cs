namespace Airadcr.Testing;

/// <summary>Redis 7 (<see cref="RedisInstance"/>) on a free loopback port, no persistence. Share it per test collection.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("redis");
    private readonly RedisInstance _redis;
    private ServerProcess? _process;

    public RedisServer()
    {
        _redis = new RedisInstance(_directory.Path, Port);
    }

    public int Port { get; } = FreePort.Next();

    /// <summary>StackExchange.Redis configuration string, as Aspire's <c>ConnectionStrings:cache</c>.</summary>
    public string ConnectionString => _redis.ConnectionString;

    public ServerProcess Process => _process ?? throw new InvalidOperationException("Redis is not started");

    public async ValueTask InitializeAsync() =>
        _process = await _redis.StartAsync(_directory.Combine("redis.log"), CancellationToken.None);

    /// <summary>Sends a RESP <c>PING</c> and returns the reply (<c>PONG</c> when the server is up).</summary>
    public Task<string> PingAsync(CancellationToken cancellationToken) => _redis.PingAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
