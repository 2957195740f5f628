using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Airadcr.ServiceDefaults.Tests;

/// <summary>OTLP export happens exactly when OTEL_EXPORTER_OTLP_ENDPOINT is set, as in Aspire's template.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Exports_traces_to_the_configured_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);

        var exports = await RunServiceAsync(receiver, new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "otlp-test-service",
        }, ct);

        Assert.Contains("/v1/traces", exports.Paths);
        Assert.Equal("otlp-test-service", exports.ServiceName);
    }

    [Fact]
    public async Task Exports_nothing_when_the_endpoint_is_not_set()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);

        // Per-signal endpoints would be honoured by an OTLP exporter if one were registered: none must be.
        var exports = await RunServiceAsync(receiver, new()
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = receiver.Address + "/v1/traces",
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = receiver.Address + "/v1/metrics",
            ["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"] = receiver.Address + "/v1/logs",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, ct);

        Assert.Empty(exports.Paths);
    }

    private sealed record ExportResult(IReadOnlyCollection<string> Paths, string? ServiceName);

    private static async Task<ExportResult> RunServiceAsync(
        OtlpReceiver receiver, Dictionary<string, string?> settings, CancellationToken ct)
    {
        await using var service = await LoopbackApp.StartAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddServiceDefaults();
        }, app => app.MapGet("/hello", () => "hello"), ct);
        using (var client = service.CreateClient())
        {
            await client.GetStringAsync("/hello", ct);
        }
        var tracerProvider = service.App.Services.GetRequiredService<TracerProvider>();
        tracerProvider.ForceFlush();
        var serviceName = tracerProvider.GetResource().Attributes
            .FirstOrDefault(attribute => attribute.Key == "service.name").Value as string;
        return new ExportResult(receiver.Paths, serviceName);
    }
}
