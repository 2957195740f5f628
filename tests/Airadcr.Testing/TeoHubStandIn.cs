using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Airadcr.Testing;

/// <summary>
/// A stand-in for TÉO Hub (a third-party AI server we cannot run here): a real HTTP server on loopback speaking its
/// protocol: <c>GET /th_health</c>, <c>GET /th_get_ai_report?patient_id=&amp;study_uid=</c> (404 for patient
/// <c>UNKNOWN</c>), <c>POST /th_post_approved_report</c> (answers <c>{"status":"OK"}</c>); the <c>API_TOKEN</c> header
/// and every approved report are recorded. <see cref="FailuresLeft"/> makes the next calls answer 503.
/// </summary>
public sealed class TeoHubStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly List<JsonNode?> _approved = [];
    private int _failuresLeft;
    private int _reportCalls;

    public TeoHubStandIn()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; } = FreePort.Next();

    /// <summary>How many of the next calls answer 503 (any endpoint).</summary>
    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    /// <summary>Calls of <c>GET /th_get_ai_report</c> so far (failed ones included).</summary>
    public int ReportCalls => Volatile.Read(ref _reportCalls);

    /// <summary>The <c>API_TOKEN</c> header of the last call.</summary>
    public string? LastToken { get; private set; }

    /// <summary>The bodies of <c>POST /th_post_approved_report</c> received so far, in order.</summary>
    public IReadOnlyList<JsonNode?> ApprovedReports
    {
        get
        {
            lock (_approved)
            {
                return [.. _approved];
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                await AnswerAsync(context);
            }
            catch (Exception error) when (error is HttpListenerException or IOException)
            {
                // The client went away: nothing to answer.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        LastToken = request.Headers["API_TOKEN"];
        var path = request.Url?.AbsolutePath ?? "";
        if (path == "/th_get_ai_report")
        {
            Interlocked.Increment(ref _reportCalls);
        }
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            await RespondAsync(context, 503, new { status = "unavailable" });
            return;
        }
        Interlocked.Exchange(ref _failuresLeft, 0);
        switch (request.HttpMethod, path)
        {
            case ("GET", "/th_health"):
                await RespondAsync(context, 200, new { status = "OK" });
                break;
            case ("GET", "/th_get_ai_report"):
                var patient = request.QueryString["patient_id"];
                var study = request.QueryString["study_uid"];
                await (patient == "UNKNOWN"
                    ? RespondAsync(context, 404, new { status = "not found" })
                    : RespondAsync(context, 200, new { result = new { structured_report = new { title = "IRM " + study, results = "Normal", conclusion = "RAS" } } }));
                break;
            case ("POST", "/th_post_approved_report"):
                var body = await JsonNode.ParseAsync(request.InputStream);
                lock (_approved)
                {
                    _approved.Add(body);
                }
                await RespondAsync(context, 200, new { status = "OK" });
                break;
            default:
                await RespondAsync(context, 404, new { status = "unknown endpoint" });
                break;
        }
    }

    private static async Task RespondAsync(HttpListenerContext context, int status, object body)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
