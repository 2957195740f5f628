using Airadcr.AppHost.Servers;

namespace Airadcr.AppHost.Publishing;

/// <summary>A container's volumes and bind mounts (files copied beside the compose file), and the databases' init script.</summary>
internal static class ComposeMounts
{
    public static void Add(IResource resource, Dictionary<string, object> service, IDictionary<string, object?> volumes, string output)
    {
        if (!resource.TryGetContainerMounts(out var mounts))
        {
            return;
        }
        var entries = service.TryGetValue("volumes", out var existing) ? (List<string>)existing : [];
        foreach (var mount in mounts)
        {
            var access = mount.IsReadOnly ? ":ro" : "";
            if (mount.Type == ContainerMountType.Volume)
            {
                var name = mount.Source ?? $"{resource.Name}-data";
                volumes[name] = null;
                entries.Add($"{name}:{mount.Target}{access}");
                continue;
            }
            var folder = Directory.CreateDirectory(Path.Combine(output, resource.Name)).FullName;
            var copy = Path.Combine(folder, Path.GetFileName(mount.Source!));
            if (!string.Equals(Path.GetFullPath(mount.Source!), copy, StringComparison.Ordinal))
            {
                File.Copy(mount.Source!, copy, overwrite: true);
            }
            entries.Add($"./{resource.Name}/{Path.GetFileName(copy)}:{mount.Target}{access}");
        }
        service["volumes"] = entries;
    }

    /// <summary>
    /// Aspire creates a PostgreSQL container's databases once it is healthy; on a Docker host the image's init folder
    /// does it on first start.
    /// </summary>
    public static void AddDatabaseInit(DistributedApplicationModel model, IDictionary<string, object> services, string output)
    {
        foreach (var server in model.Resources.OfType<PostgresServerResource>())
        {
            var init = Directory.CreateDirectory(Path.Combine(output, "postgres-init")).FullName;
            File.WriteAllText(Path.Combine(init, "01-databases.sql"),
                string.Concat(server.Databases.Keys.Select(database => $"CREATE DATABASE \"{database}\";\n")));
            var service = (Dictionary<string, object>)services[server.Name];
            var entries = service.TryGetValue("volumes", out var existing) ? (List<string>)existing : [];
            entries.Add("./postgres-init:/docker-entrypoint-initdb.d:ro");
            service["volumes"] = entries;
        }
    }
}
