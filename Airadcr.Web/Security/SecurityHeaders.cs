using Microsoft.Net.Http.Headers;

namespace Airadcr.Web.Security;

/// <summary>
/// Headers on every response: <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c> (report
/// URLs carry technical ids), a Permissions-Policy that turns off the devices the dashboard never uses, and on HTML
/// pages the dashboard's Content-Security-Policy unless the endpoint set its own (the viewer's,
/// <see cref="Viewer.ViewerContentSecurityPolicy"/>). Kestrel's <c>Server</c> header is turned off in
/// <c>AddWebServices</c>.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Blazor Server with MudBlazor: scripts only from the Web (no inline script, no eval); styles from the Web plus
    /// inline style attributes (MudBlazor renders them, Blazor sets them); the circuit's WebSocket is 'self'.
    /// </summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["Permissions-Policy"] = PermissionsPolicy;
            response.OnStarting(() =>
            {
                if (!response.Headers.ContainsKey(HeaderNames.ContentSecurityPolicy)
                    && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    response.Headers.ContentSecurityPolicy = DashboardPolicy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
