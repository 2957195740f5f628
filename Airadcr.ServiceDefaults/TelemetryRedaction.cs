using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps identifiers (study, series and instance UIDs, report ids) that our URLs carry out of traces and logs. A
/// server span's <c>url.path</c> becomes its route template (<c>/studies/{studyUid}</c>); a client span's
/// <c>url.full</c> and an unmatched server path keep their fixed segments and have identifier-like ones (a DICOM UID,
/// or 8+ characters with a digit) replaced by <see cref="Placeholder"/>, and lose their query (a server span has no
/// <c>url.query</c>). HttpClient's and
/// ASP.NET Core's request logs, which print whole URLs, are written from Warning up only, and log scopes (the request
/// scope holds the path) are not exported.
/// </summary>
public static partial class TelemetryRedaction
{
    public const string Placeholder = "{id}";

    /// <summary>The path with its identifier-like segments replaced.</summary>
    public static string RedactPath(string path) =>
        string.Join('/', path.Split('/').Select(segment => IsIdentifier(segment) ? Placeholder : segment));

    /// <summary>Scheme, host, port and the redacted path of <paramref name="uri"/> (no query, no fragment).</summary>
    public static string RedactUrl(Uri uri) =>
        uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Authority) + RedactPath(uri.AbsolutePath) : RedactPath(uri.OriginalString.Split('?')[0]);

    /// <summary>
    /// The redacted path, and no <c>url.query</c> at all: an Aspire AppHost turns OpenTelemetry's own redaction of query
    /// values off for its dashboard in development (<c>OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION</c>),
    /// and queries carry accession numbers (<c>/find-report?accession_number=</c>).
    /// </summary>
    internal static void ServerRequest(Activity activity, HttpRequest request)
    {
        activity.SetTag("url.path", RedactPath(request.Path.Value ?? ""));
        activity.SetTag("url.query", null);
    }

    internal static void ServerResponse(Activity activity, HttpResponse response)
    {
        if (response.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { Length: > 0 } route })
        {
            activity.SetTag("url.path", route.StartsWith('/') ? route : "/" + route);
        }
    }

    internal static void ClientRequest(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is { } uri)
        {
            activity.SetTag("url.full", RedactUrl(uri));
        }
    }

    /// <summary>The request logs that print URLs: from Warning up only.</summary>
    internal static void FilterRequestLogs(ILoggingBuilder logging) => logging
        .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

    private static bool IsIdentifier(string segment) =>
        DicomUid().IsMatch(segment) || (segment.Length >= 8 && segment.Any(char.IsAsciiDigit));

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)+$")]
    private static partial Regex DicomUid();
}
