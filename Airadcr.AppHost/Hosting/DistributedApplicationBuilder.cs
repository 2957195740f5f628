namespace Airadcr.AppHost.Hosting;

/// <summary>Declares the graph (Aspire's <c>IDistributedApplicationBuilder</c> surface, for local processes).</summary>
public sealed class DistributedApplicationBuilder(AppHostOptions options)
{
    private readonly List<Resource> _resources = [];

    public AppHostOptions Options => options;

    public IReadOnlyList<Resource> Resources => _resources;

    public PostgresServerResource AddPostgres(string name) => Add(new PostgresServerResource(name));

    public RedisResource AddRedis(string name) => Add(new RedisResource(name));

    public OrthancResource AddOrthanc(string name) => Add(new OrthancResource(name));

    /// <summary>A service of this repository, by its project folder name (e.g. <c>Airadcr.ReportApi</c>).</summary>
    public ProjectResource AddProject(string name, string projectName) => Add(new ProjectResource(name, projectName));

    /// <summary>A secret kept in the run folder (see <see cref="RunSecret"/>).</summary>
    public RunSecret AddSecret(string name) => new(options, name);

    public DistributedApplication Build()
    {
        var all = _resources.SelectMany(r => r is PostgresServerResource postgres ? [r, .. postgres.Databases] : new[] { r }).ToList();
        var duplicate = all.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two resources are named {duplicate.Key}");
        }
        foreach (var resource in all)
        {
            if (options.Command == "publish")
            {
                resource.MarkPublished();
            }
            foreach (var endpoint in resource.Endpoints())
            {
                endpoint.Allocate();
            }
        }
        return new DistributedApplication(options, all);
    }

    private T Add<T>(T resource) where T : Resource
    {
        _resources.Add(resource);
        return resource;
    }
}
