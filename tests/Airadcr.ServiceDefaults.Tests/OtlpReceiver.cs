using System.Collections.Concurrent;

namespace Airadcr.ServiceDefaults.Tests;

/// <summary>An OTLP/HTTP endpoint that records which signal paths were posted to it.</summary>
internal sealed class OtlpReceiver(LoopbackApp app, ConcurrentQueue<string> paths) : IAsyncDisposable
{
    public string Address => app.Address.ToString().TrimEnd('/');

    public IReadOnlyCollection<string> Paths => paths.ToArray();

    public static async Task<OtlpReceiver> StartAsync(CancellationToken ct)
    {
        var paths = new ConcurrentQueue<string>();
        var app = await LoopbackApp.StartAsync(_ => { }, web => web.MapPost("/v1/{signal}", (string signal) =>
        {
            paths.Enqueue("/v1/" + signal);
            return Results.Ok();
        }), ct);
        return new OtlpReceiver(app, paths);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
