namespace Airadcr.Web.Gateway;

/// <summary>One minute of the gateway's activity (its <c>GET /admin/throughput</c>).</summary>
public sealed record GatewayThroughputMinute(DateTimeOffset Minute, int InstancesReceived, int AnalysesCompleted);

/// <summary>The gateway's ingest and analysis throughput over the last minutes, oldest first, one point per minute.</summary>
public sealed record GatewayThroughput(int Minutes, DateTimeOffset From, IReadOnlyList<GatewayThroughputMinute> Points)
{
    public int InstancesReceived => Points.Sum(p => p.InstancesReceived);

    public int AnalysesCompleted => Points.Sum(p => p.AnalysesCompleted);
}
