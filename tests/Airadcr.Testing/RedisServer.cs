using System.Net.Sockets;
using System.Text;

namespace Airadcr.Testing;

/// <summary>Redis 7 on a free loopback port, no persistence. Share it per test collection.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("redis");
    private ServerProcess? _process;

    public int Port { get; } = FreePort.Next();

    /// <summary>StackExchange.Redis configuration string, as Aspire's <c>ConnectionStrings:cache</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public ServerProcess Process => _process ?? throw new InvalidOperationException("Redis is not started");

    public async ValueTask InitializeAsync()
    {
        var redis = ToolLocator.Find("redis-server", "redis-server");
        _process = ServerProcess.Start("redis", redis,
            ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--save", "", "--appendonly", "no", "--dir", _directory.Path, "--protected-mode", "yes"],
            _directory.Combine("redis.log"));
        await Readiness.WaitAsync(_process, async ct => await PingAsync(ct) == "PONG", CancellationToken.None);
    }

    /// <summary>Sends a RESP <c>PING</c> and returns the reply (<c>PONG</c> when the server is up).</summary>
    public async Task<string> PingAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), cancellationToken);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, read).Trim().TrimStart('+');
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
