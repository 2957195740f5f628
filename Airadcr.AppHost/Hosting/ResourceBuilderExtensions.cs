namespace Airadcr.AppHost.Hosting;

/// <summary>Aspire's verbs: a reference injects a connection string or a service address; a wait orders start-up.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary><c>ConnectionStrings__{name}</c> (databases, cache, PACS) and/or <c>services__{name}__http__0</c> (projects, PACS).</summary>
    public static ProjectResource WithReference(this ProjectResource project, Resource resource)
    {
        if (resource is not (IResourceWithConnectionString or IResourceWithServiceDiscovery))
        {
            throw new ArgumentException($"{resource.Name} cannot be referenced", nameof(resource));
        }
        project.AddReference(resource);
        return project;
    }

    /// <summary>Starts <paramref name="resource"/> only once <paramref name="dependency"/> is up (healthy, or on its fallback).</summary>
    public static T WaitFor<T>(this T resource, Resource dependency) where T : Resource
    {
        resource.AddWait(dependency);
        return resource;
    }
}
