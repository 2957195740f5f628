using System.Globalization;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// A loopback port of a resource: the preferred well-known one when it is free (DICOM 11112, ReportApi 8741),
/// else a free one. Allocated when the graph is built, so resources may reference each other both ways. When the
/// graph is published, the endpoint is the container's (service name as host, the container port).
/// </summary>
public sealed class Endpoint(string name, int? preferredPort)
{
    private int? _port;
    private string _host = "127.0.0.1";

    public string Name => name;

    public int? PreferredPort => preferredPort;

    public int Port => _port ?? throw new InvalidOperationException($"endpoint {name} has no port yet");

    public string Host => _host;

    public string Url => $"http://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    internal void Publish(string host, int containerPort)
    {
        _host = host;
        _port = containerPort;
    }

    internal void Allocate() => _port ??= preferredPort is { } port && FreePort.IsFree(port) ? port : FreePort.Next();
}
