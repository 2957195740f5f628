using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Airadcr.LocalServers;

/// <summary>Redis 7 on a loopback port, no persistence, optionally with a password (<c>requirepass</c>).</summary>
public sealed class RedisInstance(string directory, int port, string? password = null)
{
    public const string AptPackage = "redis-server";

    public int Port => port;

    /// <summary>StackExchange.Redis configuration string, Aspire's <c>ConnectionStrings:cache</c> format.</summary>
    public string ConnectionString => password is null
        ? $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"
        : $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)},password={password}";

    /// <summary>Folders holding <c>redis-server</c>, searched instead of the defaults (see <see cref="ToolLocator.FindServer"/>).</summary>
    public IReadOnlyList<string>? ServerPath { get; init; }

    /// <summary>The server program, or a <see cref="MissingToolException"/> naming the package.</summary>
    public static string FindServer(IReadOnlyList<string>? serverPath = null) => ToolLocator.FindServer("redis-server", AptPackage, serverPath);

    public async Task<ServerProcess> StartAsync(string logPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string[] auth = password is null ? [] : ["--requirepass", password];
        var server = ServerProcess.Start("redis", FindServer(ServerPath),
            ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
             "--save", "", "--appendonly", "no", "--dir", directory, "--protected-mode", "yes", .. auth],
            logPath);
        await Readiness.WaitAsync(server, async ct => await PingAsync(ct) == "PONG", cancellationToken);
        return server;
    }

    /// <summary>Sends a RESP <c>PING</c> (after <c>AUTH</c> when there is a password); returns the last reply.</summary>
    public async Task<string> PingAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = client.GetStream();
        var commands = new StringBuilder();
        if (password is not null)
        {
            commands.Append(CultureInfo.InvariantCulture, $"*2\r\n$4\r\nAUTH\r\n${password.Length}\r\n{password}\r\n");
        }
        commands.Append("*1\r\n$4\r\nPING\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(commands.ToString()), cancellationToken);
        var replies = new StringBuilder();
        var buffer = new byte[64];
        var expected = password is null ? 1 : 2;
        while (replies.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length < expected)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }
            replies.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return replies.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Last().TrimStart('+');
    }
}
