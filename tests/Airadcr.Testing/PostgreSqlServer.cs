using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Airadcr.Testing;

/// <summary>
/// PostgreSQL 15 in a fresh cluster (initdb) on a free loopback port, run as the <c>postgres</c> user when the tests
/// run as root. Password authentication (scram-sha-256) as in production. Share it per test collection and give each
/// test class its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private const string SystemUser = "postgres";
    private readonly FixtureDirectory _directory = new("postgres");
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private ServerProcess? _process;

    public int Port { get; } = FreePort.Next();

    /// <summary>Npgsql connection string of the <c>postgres</c> database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public ServerProcess Process => _process ?? throw new InvalidOperationException("PostgreSQL is not started");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SystemUser,
        Password = _password,
        Database = database,
        Pooling = true,
    }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        var initdb = ToolLocator.Find("initdb", "postgresql", ToolLocator.PostgreSqlBinDirectory);
        var postgres = ToolLocator.Find("postgres", "postgresql", ToolLocator.PostgreSqlBinDirectory);
        var dataDirectory = _directory.Combine("data");
        var passwordFile = _directory.Combine("pwfile");
        await File.WriteAllTextAsync(passwordFile, _password);
        GiveToSystemUser(_directory.Path);

        var init = ServerProcess.Start("initdb", initdb,
            ["-D", dataDirectory, "-U", SystemUser, "--auth-host=scram-sha-256", "--auth-local=trust",
             $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            _directory.Combine("initdb.log"), runAs: SystemUser);
        await init.WaitForExitAsync(CancellationToken.None);
        await init.DisposeAsync();
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            throw new InvalidOperationException($"initdb failed:\n{init.LogTail()}");
        }

        _process = ServerProcess.Start("postgres", postgres,
            ["-D", dataDirectory, "-c", "listen_addresses=127.0.0.1", "-c", $"port={Port.ToString(CultureInfo.InvariantCulture)}",
             "-c", $"unix_socket_directories={_directory.Path}", "-c", "fsync=on", "-c", "max_connections=200"],
            _directory.Combine("postgres.log"), runAs: SystemUser);
        await Readiness.WaitAsync(_process, async ct => await ScalarAsync<int>("SELECT 1", ct) == 1, CancellationToken.None);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private static void GiveToSystemUser(string directory)
    {
        if (Environment.UserName != "root")
        {
            return;
        }
        var chown = System.Diagnostics.Process.Start(ToolLocator.Find("chown", "coreutils"), ["-R", $"{SystemUser}:{SystemUser}", directory])!;
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {directory} to {SystemUser} failed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
