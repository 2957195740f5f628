using Airadcr.AppHost.Run;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Servers;

/// <summary>
/// PostgreSQL from Debian's binaries as an Aspire executable: the cluster lives in the run folder (initdb on first
/// start, its password kept beside it), <c>postgres</c> runs as the <c>postgres</c> user when the AppHost is root.
/// Connection strings have the format of Aspire's <c>AddPostgres</c>.
/// </summary>
public sealed class PostgresExecutableResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ParameterResource PasswordParameter => password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={PasswordParameter}");

    internal List<PostgresExecutableDatabaseResource> Databases { get; } = [];
}

/// <summary>A database of a <see cref="PostgresExecutableResource"/>, created once the server is healthy.</summary>
public sealed class PostgresExecutableDatabaseResource(string name, PostgresExecutableResource parent)
    : Resource(name), IResourceWithParent<PostgresExecutableResource>, IResourceWithConnectionString
{
    public PostgresExecutableResource Parent => parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={Name}");
}

public static class PostgresExecutableExtensions
{
    /// <summary>PostgreSQL 15 from <paramref name="programs"/>, its cluster in the run folder.</summary>
    public static IResourceBuilder<PostgresExecutableResource> AddPostgresExecutable(
        this IDistributedApplicationBuilder builder, string name, ServerPrograms programs, RunFolder run)
    {
        var cluster = new PostgreSqlCluster(run.DirectoryOf(name), 0);
        var password = builder.AddParameter($"{name}-password", () => cluster.Password, secret: true);
        var postgres = programs["postgres"]!;
        var asRoot = Environment.UserName == "root";
        var resource = new PostgresExecutableResource(name, asRoot ? "setpriv" : postgres, cluster.Directory, password.Resource);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new(healthCheck, _ => new NpgsqlHealthCheck(resource), null, null));
        return builder.AddResource(resource)
            .WithEndpoint(name: PostgresExecutableResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                if (asRoot)
                {
                    context.Args.Add($"--reuid={PostgreSqlCluster.SystemUser}");
                    context.Args.Add($"--regid={PostgreSqlCluster.SystemUser}");
                    context.Args.Add("--init-groups");
                    context.Args.Add("--");
                    context.Args.Add(postgres);
                }
                foreach (var argument in cluster.ServerArguments)
                {
                    context.Args.Add(argument);
                }
                context.Args.Add("-c");
                context.Args.Add(ReferenceExpression.Create($"port={resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
            })
            .WithHealthCheck(healthCheck)
            .OnBeforeResourceStarted((_, _, ct) => cluster.PrepareAsync(durable: true, ct))
            .OnResourceReady(async (server, ready, ct) =>
            {
                // Aspire gives a container's child resources their parent's state, not an executable's: the databases
                // are marked running here, once created, and their health checks then decide when they are ready.
                var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
                var connectionString = await server.ConnectionStringExpression.GetValueAsync(ct);
                foreach (var database in server.Databases)
                {
                    await PostgreSqlCluster.CreateDatabaseAsync(connectionString!, database.Name, ct);
                    await notifications.PublishUpdateAsync(database, state => state with
                    {
                        State = KnownResourceStates.Running,
                        ResourceType = "PostgresDatabase",
                    });
                }
            });
    }

    /// <summary>A database created on the server once it is healthy (unless it exists); healthy once it answers.</summary>
    public static IResourceBuilder<PostgresExecutableDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresExecutableResource> server, string name)
    {
        var database = new PostgresExecutableDatabaseResource(name, server.Resource);
        server.Resource.Databases.Add(database);
        var healthCheck = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new(healthCheck, _ => new NpgsqlHealthCheck(database), null, null));
        return server.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheck);
    }
}
