using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Airadcr.EndToEnd.Tests;

/// <summary>One span as exported over OTLP: which service, which trace, which operation, when (the services' clocks).</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string Name, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// An OTLP/HTTP (protobuf) collector on a loopback port: <c>POST /v1/traces</c> is decoded (ExportTraceServiceRequest:
/// resource_spans -> resource service.name, scope_spans -> spans' trace id, name, start and end); other signals are accepted.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<(ReceivedSpan Span, byte[] Bytes)> _spanBytes = new();
    private readonly ConcurrentQueue<byte[]> _payloads = new();
    private readonly WebApplication _app;

    private OtlpTraceReceiver(WebApplication app, int port)
    {
        _app = app;
        Endpoint = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public string Endpoint { get; }

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans.ToArray();

    /// <summary>The signals (traces, metrics, logs) received so far that hold <paramref name="text"/> anywhere (UTF-8).</summary>
    public IReadOnlyList<string> SignalsContaining(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return [.. _payloads.Where(payload => payload.AsSpan(1).IndexOf(needle) >= 0).Select(payload => Signals[payload[0]])];
    }

    /// <summary>The spans (service/name) that hold <paramref name="text"/> anywhere: which one, for a failure message.</summary>
    public IReadOnlyList<string> SpansContaining(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return [.. _spanBytes.Where(span => span.Bytes.AsSpan().IndexOf(needle) >= 0)
            .Select(span => $"{span.Span.Service}/{span.Span.Name}: {System.Text.Encoding.UTF8.GetString(span.Bytes).Replace('\0', ' ')}")];
    }

    private static readonly string[] Signals = ["traces", "metrics", "logs", "other"];

    public static async Task<OtlpTraceReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app, port);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            var body = await receiver.KeepAsync(request, 0);
            receiver.Decode(body);
            return Results.Ok();
        });
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            await receiver.KeepAsync(request, signal switch { "metrics" => 1, "logs" => 2, _ => 3 });
            return Results.Ok();
        });
        await app.StartAsync(cancellationToken);
        return receiver;
    }

    /// <summary>Reads a request's body and keeps it, tagged with its signal.</summary>
    private async Task<byte[]> KeepAsync(HttpRequest request, byte signal)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        _payloads.Enqueue([signal, .. bytes]);
        return bytes;
    }

    private void Decode(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            var service = "";
            foreach (var resource in Fields(resourceSpans, 1))
            {
                foreach (var attribute in Fields(resource, 1))
                {
                    if (Fields(attribute, 1).FirstOrDefault() is { } key && key.ToStringUtf8() == "service.name")
                    {
                        service = Fields(attribute, 2).SelectMany(value => Fields(value, 1)).FirstOrDefault()?.ToStringUtf8() ?? "";
                    }
                }
            }
            foreach (var span in Fields(resourceSpans, 2).SelectMany(scope => Fields(scope, 2)))
            {
                var traceId = Convert.ToHexStringLower(Fields(span, 1).First().ToByteArray());
                var name = Fields(span, 5).FirstOrDefault()?.ToStringUtf8() ?? "";
                var bytes = span.ToByteArray();
                var received = new ReceivedSpan(service, traceId, name, UnixNanos(bytes, 7), UnixNanos(bytes, 8));
                _spans.Enqueue(received);
                _spanBytes.Enqueue((received, bytes));
            }
        }
    }

    /// <summary>A <c>fixed64</c> field holding nanoseconds since the Unix epoch (a span's start or end time).</summary>
    private static DateTimeOffset UnixNanos(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Fixed64)
            {
                return DateTimeOffset.UnixEpoch.AddTicks((long)(input.ReadFixed64() / 100));
            }
            input.SkipLastField();
        }
        return DateTimeOffset.UnixEpoch;
    }

    /// <summary>The length-delimited values of field <paramref name="number"/> in a protobuf message.</summary>
    private static List<ByteString> Fields(ByteString message, int number) => Fields(message.ToByteArray(), number);

    private static List<ByteString> Fields(byte[] message, int number)
    {
        var values = new List<ByteString>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                var value = input.ReadBytes();
                if (WireFormat.GetTagFieldNumber(tag) == number)
                {
                    values.Add(value);
                }
            }
            else
            {
                input.SkipLastField();
            }
        }
        return values;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
