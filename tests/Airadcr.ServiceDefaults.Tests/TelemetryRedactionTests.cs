using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Airadcr.ServiceDefaults.Tests;

/// <summary>The UIDs our URLs carry reach neither traces nor logs: a real Kestrel app called through its own HttpClient.</summary>
public sealed class TelemetryRedactionTests
{
    private const string Study = "1.2.826.0.1.3680043.8.498.12345678901234567890";
    private const string Instance = "1.2.826.0.1.3680043.8.498.98765432109876543210";

    /// <param name="queryRedactionDisabled">
    /// What an Aspire AppHost sets for its dashboard in development: OpenTelemetry then records <c>url.query</c> whole.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Spans_and_logs_of_a_request_carry_its_route_not_its_identifiers(bool queryRedactionDisabled)
    {
        var ct = TestContext.Current.CancellationToken;
        var recorded = new List<Activity>();
        var port = 0;
        var logs = new RecordingLoggerProvider();
        await using (var service = await LoopbackApp.StartAsync(builder =>
                     {
                         builder.Logging.AddProvider(logs);
                         if (queryRedactionDisabled)
                         {
                             builder.Configuration["OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION"] = "true";
                         }
                         builder.AddServiceDefaults();
                         builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(recorded));
                     },
                     app => app.MapGet("/studies/{studyUid}/instances/{sopInstanceUid}", (string studyUid, string sopInstanceUid) => "ok"), ct))
        {
            port = service.Address.Port;
            var client = service.App.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
            client.BaseAddress = service.Address;
            Assert.Equal("ok", await client.GetStringAsync($"/studies/{Study}/instances/{Instance}?tid=ACC_1234567", ct));
            service.App.Services.GetRequiredService<TracerProvider>().ForceFlush();
        }

        // Activity listeners are process-wide: keep this app's spans (tests of other classes run alongside).
        var spans = recorded.Where(span => Convert.ToInt32(span.GetTagItem("server.port"), System.Globalization.CultureInfo.InvariantCulture) == port).ToList();
        var server = Assert.Single(spans, span => span.Kind == ActivityKind.Server);
        Assert.Equal("/studies/{studyUid}/instances/{sopInstanceUid}", server.GetTagItem("url.path"));
        var clientSpans = spans.Where(span => span.Kind == ActivityKind.Client).ToList();
        Assert.NotEmpty(clientSpans);
        Assert.All(clientSpans, span => Assert.Equal($"{Authority(span)}/studies/{{id}}/instances/{{id}}", span.GetTagItem("url.full")));
        foreach (var span in spans)
        {
            Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString() is { } value && (value.Contains(Study) || value.Contains(Instance) || value.Contains("ACC_1234567")));
            Assert.DoesNotContain(Study, span.DisplayName, StringComparison.Ordinal);
        }
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, message => message.Contains(Study, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/studies/1.2.3/series", "/studies/{id}/series")]
    [InlineData("/v1/analyses", "/v1/analyses")]
    [InlineData("/airadcr/reports/AIRADCR_0123456789abcdef/approved", "/airadcr/reports/{id}/approved")]
    [InlineData("/pending-report", "/pending-report")]
    public void Identifier_like_segments_are_replaced(string path, string redacted) =>
        Assert.Equal(redacted, TelemetryRedaction.RedactPath(path));

    private static string Authority(Activity client) => new Uri((string)client.GetTagItem("url.full")!).GetLeftPart(UriPartial.Authority);

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class RecordingLogger(RecordingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Messages.Enqueue(category + ": " + formatter(state, exception));
        }
    }
}
