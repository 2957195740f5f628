using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Airadcr.Inference.Tests.Dicom;

/// <summary>
/// A FAKE of the DicomGateway's study endpoints (the gateway does not exist yet), on a loopback port: it implements
/// only the contract the inference service's GatewayStudyClient consumes —
/// <c>GET /studies/{study}/instances</c> (JSON list) and <c>GET /studies/{study}/instances/{sop}</c> (application/dicom).
/// Replace with the real gateway in tests once it exists.
/// </summary>
public sealed class LoopbackGatewayFake : IAsyncDisposable
{
    private readonly Dictionary<string, List<(string Sop, byte[] Bytes)>> _studies = [];
    private readonly WebApplication _app;

    private LoopbackGatewayFake()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/studies/{study}/instances", (string study) =>
            _studies.TryGetValue(study, out var instances)
                ? Results.Json(instances.Select(i => new { sopInstanceUid = i.Sop }).ToList())
                : Results.NotFound());
        _app.MapGet("/studies/{study}/instances/{sop}", (string study, string sop) =>
            _studies.TryGetValue(study, out var instances) && instances.FirstOrDefault(i => i.Sop == sop) is { Bytes: not null } found
                ? Results.Bytes(found.Bytes, "application/dicom")
                : Results.NotFound());
    }

    public string BaseAddress { get; private set; } = "";

    public static async Task<LoopbackGatewayFake> StartAsync(CancellationToken cancellationToken)
    {
        var fake = new LoopbackGatewayFake();
        await fake._app.StartAsync(cancellationToken);
        fake.BaseAddress = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return fake;
    }

    public void Add(string study, IEnumerable<(string Sop, byte[] Bytes)> instances) => _studies[study] = instances.ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
