using Airadcr.LocalServers;
using Npgsql;

namespace Airadcr.AppHost.Hosting;

/// <summary>PostgreSQL 15 (Debian package), cluster kept under the run folder; fallback: each service's SQLite.</summary>
public sealed class PostgresServerResource(string name) : ServerResource(name)
{
    private readonly List<PostgresDatabaseResource> _databases = [];

    internal Endpoint Tcp { get; } = new("tcp", null);

    internal PostgreSqlCluster? Cluster { get; private set; }

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    /// <summary>A database created at start-up unless it exists; referenced by projects as <c>ConnectionStrings__{name}</c>.</summary>
    public PostgresDatabaseResource AddDatabase(string databaseName)
    {
        var database = new PostgresDatabaseResource(databaseName, this);
        _databases.Add(database);
        return database;
    }

    public override IEnumerable<(string, string)> Urls() =>
        State == ResourceState.Running
            ? [("tcp", $"127.0.0.1:{Tcp.Port} (user postgres, password in {Cluster?.Directory}/pwfile)")]
            : [];

    internal override IEnumerable<Endpoint> Endpoints() => [Tcp];

    internal override IEnumerable<int> ContainerPorts() => [5432];

    protected override string EmbeddedDefault => "services keep their embedded SQLite databases";

    protected override string FindProgram(IReadOnlyList<string>? serverPath) => PostgreSqlCluster.FindServer(serverPath);

    private protected override Task<ServerProcess> StartServerAsync(RunContext context, CancellationToken cancellationToken)
    {
        Cluster = new PostgreSqlCluster(context.DataDirectoryOf(this), Tcp.Port) { ServerPath = context.Options.ServerPath };
        return Cluster.StartAsync(context.LogPathOf(this), cancellationToken);
    }
}

/// <summary>A database of a <see cref="PostgresServerResource"/>.</summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString
{
    internal PostgresDatabaseResource(string name, PostgresServerResource server) : base(name)
    {
        Server = server;
        AddWait(server);
    }

    public PostgresServerResource Server { get; }

    /// <summary>Npgsql format, as Aspire's <c>AddPostgres().AddDatabase()</c>.</summary>
    public string? ConnectionString => Server.Published
        ? $"Host={Server.Name};Port=5432;Username=postgres;Password=${{POSTGRES_PASSWORD}};Database={Name}"
        : State == ResourceState.Running ? Server.Cluster?.ConnectionStringFor(Name) : null;

    public override IEnumerable<(string, string)> Urls() => State == ResourceState.Running ? [("database", $"{Server.Name}/{Name}")] : [];

    internal override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (Server.State != ResourceState.Running || Server.Cluster is null)
        {
            SetState(Server.State, Server.StateDetail is null ? null : "embedded SQLite");
            return;
        }
        await Server.Cluster.CreateDatabaseAsync(Name, cancellationToken);
        NpgsqlConnection.ClearAllPools();
        SetState(ResourceState.Running);
    }
}
