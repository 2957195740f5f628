using Airadcr.AppHost.Servers;

namespace Airadcr.AppHost.Publishing;

/// <summary>Docker health checks for the servers, so that <c>depends_on: service_healthy</c> means what Aspire's <c>WaitFor</c> means.</summary>
internal static class ComposeHealthChecks
{
    public static Dictionary<string, object>? For(IResource resource) => resource switch
    {
        PostgresServerResource => Check("pg_isready -U postgres"),
        RedisResource => Check("redis-cli -a \"$$REDIS_PASSWORD\" ping | grep PONG"),
        ContainerResource container when container.Annotations.OfType<ContainerImageAnnotation>().Any(i => i.Image.EndsWith("orthanc", StringComparison.Ordinal)) =>
            Check($"curl -fsS -u \"{OrthancPacs.UserName}:$${OrthancConfiguration.Password}\" http://localhost:8042/system"),
        _ => null,
    };

    private static Dictionary<string, object> Check(string command) => new()
    {
        ["test"] = new[] { "CMD-SHELL", command },
        ["interval"] = "5s",
        ["timeout"] = "5s",
        ["retries"] = 10,
    };
}
