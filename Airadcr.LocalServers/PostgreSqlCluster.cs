using System.Globalization;
using Npgsql;

namespace Airadcr.LocalServers;

/// <summary>
/// A PostgreSQL 15 cluster in <paramref name="directory"/> (initdb on first start, kept afterwards), served on a
/// loopback port, run as the <c>postgres</c> user when we are root. Password authentication (scram-sha-256) as in
/// production; the generated password is kept next to the cluster (<c>pwfile</c>, 0600).
/// </summary>
public sealed class PostgreSqlCluster(string directory, int port)
{
    public const string AptPackage = "postgresql";
    public const string SystemUser = "postgres";

    private readonly Lazy<string> _password = new(() => ReadOrCreatePassword(Path.Combine(directory, "pwfile")));

    public string Directory => directory;

    public int Port => port;

    public string Password => _password.Value;

    /// <summary>Folders holding <c>postgres</c> and <c>initdb</c>, searched instead of the defaults (see <see cref="ToolLocator.FindServer"/>).</summary>
    public IReadOnlyList<string>? ServerPath { get; init; }

    /// <summary>The server program, or a <see cref="MissingToolException"/> naming the package.</summary>
    public static string FindServer(IReadOnlyList<string>? serverPath = null) =>
        ToolLocator.FindServer("postgres", AptPackage, serverPath, ToolLocator.PostgreSqlBinDirectory);

    /// <summary>Npgsql connection string (Aspire's format: Host, Port, Username, Password, Database).</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SystemUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Initialises the cluster if it has no data yet, starts the server and waits until it answers.</summary>
    public async Task<ServerProcess> StartAsync(string logPath, CancellationToken cancellationToken, bool durable = true)
    {
        var postgres = FindServer(ServerPath);
        await PrepareAsync(durable, cancellationToken);
        var server = ServerProcess.Start("postgres", postgres,
            [.. ServerArguments, "-c", $"port={port.ToString(CultureInfo.InvariantCulture)}"], logPath, runAs: SystemUser);
        await Readiness.WaitAsync(server, async ct => await ScalarAsync<int>("postgres", "SELECT 1", ct) == 1, cancellationToken);
        return server;
    }

    /// <summary>The data folder (initialised by <see cref="PrepareAsync"/>).</summary>
    public string DataDirectory => Path.Combine(directory, "data");

    /// <summary><c>postgres</c>'s arguments but the port: loopback only, the socket in the cluster's folder, fsync on.</summary>
    public IReadOnlyList<string> ServerArguments =>
        ["-D", DataDirectory, "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={directory}", "-c", "fsync=on",
         "-c", "max_connections=200"];

    /// <summary>
    /// Initialises the cluster if it has no data yet (initdb, password authentication with the kept password) and gives
    /// its folder to the <c>postgres</c> user when we are root: what must happen before <c>postgres</c> starts.
    /// </summary>
    public async Task PrepareAsync(bool durable, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(DataDirectory, durable, cancellationToken);
        }
        GiveToSystemUser(directory);
    }

    /// <summary>Creates <paramref name="name"/> unless it exists; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await CreateDatabaseAsync(ConnectionStringFor("postgres"), name, cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>Creates the database <paramref name="name"/> on the server <paramref name="serverConnectionString"/> reaches, unless it exists.</summary>
    public static async Task CreateDatabaseAsync(string serverConnectionString, string name, CancellationToken cancellationToken)
    {
        var exists = await QueryScalarAsync<int?>(serverConnectionString, $"SELECT 1 FROM pg_database WHERE datname = '{Quote(name, '\'')}'", cancellationToken);
        if (exists is null)
        {
            await QueryScalarAsync<object>(serverConnectionString, $"CREATE DATABASE \"{Quote(name, '"')}\"", cancellationToken);
        }
    }

    public Task<T?> ScalarAsync<T>(string database, string sql, CancellationToken cancellationToken) =>
        QueryScalarAsync<T>(ConnectionStringFor(database), sql, cancellationToken);

    private static async Task<T?> QueryScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T?)value;
    }

    private async Task InitializeAsync(string dataDirectory, bool durable, CancellationToken cancellationToken)
    {
        var initdb = ToolLocator.FindServer("initdb", AptPackage, ServerPath, ToolLocator.PostgreSqlBinDirectory);
        System.IO.Directory.CreateDirectory(directory);
        var passwordFile = Path.Combine(directory, "pwfile");
        _ = Password;
        GiveToSystemUser(directory);
        var init = ServerProcess.Start("initdb", initdb,
            ["-D", dataDirectory, "-U", SystemUser, "--auth-host=scram-sha-256", "--auth-local=trust",
             $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8", .. durable ? Array.Empty<string>() : ["--no-sync"]],
            Path.Combine(directory, "initdb.log"), runAs: SystemUser);
        await init.WaitForExitAsync(cancellationToken);
        await init.DisposeAsync();
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            throw new InvalidOperationException($"initdb failed:\n{init.LogTail()}");
        }
    }

    private static string ReadOrCreatePassword(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var password = GeneratedSecret.Hex(16);
        File.WriteAllText(path, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return password;
    }

    private static string Quote(string name, char quote) => name.Replace(quote.ToString(), "", StringComparison.Ordinal);

    private static void GiveToSystemUser(string path)
    {
        if (Environment.UserName != "root")
        {
            return;
        }
        using var chown = System.Diagnostics.Process.Start(ToolLocator.Find("chown", "coreutils"), ["-R", $"{SystemUser}:{SystemUser}", path])!;
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {path} to {SystemUser} failed");
        }
    }
}
