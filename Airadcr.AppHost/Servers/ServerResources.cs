using Airadcr.AppHost.Run;

namespace Airadcr.AppHost.Servers;

/// <summary>The databases of the graph, on one PostgreSQL server.</summary>
public sealed record Databases(
    IResourceBuilder<IResourceWithConnectionString> Reports,
    IResourceBuilder<IResourceWithConnectionString> Gateway,
    IResourceBuilder<IResourceWithConnectionString> Web);

/// <summary>
/// PostgreSQL and Redis as Aspire's own container integrations (<c>AddPostgres</c>, <c>AddRedis</c>) or as executables
/// from Debian's binaries; null when the program is missing (the services keep their embedded defaults).
/// </summary>
public static class ServerResources
{
    public static Databases? AddDatabases(this IDistributedApplicationBuilder builder, ServerPrograms programs, RunFolder run)
    {
        if (!programs.Has("postgres", "initdb"))
        {
            return null;
        }
        if (programs.Containers)
        {
            var postgres = builder.AddPostgres("postgres").WithDataVolume();
            return new(postgres.AddDatabase("reportsdb"), postgres.AddDatabase("gatewaydb"), postgres.AddDatabase("webdb"));
        }
        var local = builder.AddPostgresExecutable("postgres", programs, run);
        return new(local.AddDatabase("reportsdb"), local.AddDatabase("gatewaydb"), local.AddDatabase("webdb"));
    }

    public static IResourceBuilder<IResourceWithConnectionString>? AddCache(this IDistributedApplicationBuilder builder, ServerPrograms programs, RunFolder run)
    {
        if (!programs.Has("redis-server"))
        {
            return null;
        }
        return programs.Containers ? builder.AddRedis("cache") : builder.AddRedisExecutable("cache", programs, run);
    }

    /// <summary><c>WithReference</c> + <c>WaitFor</c> when the server is part of the graph; nothing otherwise.</summary>
    public static IResourceBuilder<ProjectResource> WithServer(this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<IResourceWithConnectionString>? server) =>
        server is null ? project : project.WithReference(server).WaitFor(server);
}
