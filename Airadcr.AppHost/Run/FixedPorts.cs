using Airadcr.LocalServers;

namespace Airadcr.AppHost.Run;

/// <summary>
/// The well-known ports (the ReportApi's 8741, IA_SERVER's 11112, Orthanc's 8042 and 4242) must be free before the graph
/// starts: a port held by another process is a clear error naming it, not a service that dies while the other process
/// answers in its place.
/// </summary>
internal static class FixedPorts
{
    public static void EnsureFree(DistributedApplicationModel model)
    {
        var taken = model.Resources
            .SelectMany(resource => resource.Annotations.OfType<EndpointAnnotation>().Select(endpoint => (resource, endpoint)))
            .Where(pair => pair.endpoint.Port is { } port && !FreePort.IsFree(port))
            .Select(pair => $"port {pair.endpoint.Port} ({pair.resource.Name}/{pair.endpoint.Name}) is already in use by another process")
            .ToList();
        if (taken.Count > 0)
        {
            throw new DistributedApplicationException(
                $"AppHost: not starting: {string.Join("; ", taken)}. Stop that process, or run a second graph with every port random: " +
                "dotnet run --project Airadcr.AppHost -- --DcpPublisher:RandomizePorts=true");
        }
    }
}
