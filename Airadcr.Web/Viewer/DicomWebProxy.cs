using System.Net.Http.Headers;
using System.Text;
using Airadcr.Web.Identity;
using Airadcr.Web.Measurements;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Airadcr.Web.Viewer;

/// <summary>
/// YARP routes <c>/dicom-web/{**}</c> and <c>/wado/{**}</c> to Orthanc for reviewers: the Web's server adds Orthanc's
/// Basic credentials and drops the browser's cookies; Orthanc sees the Web's host, so the URLs it writes into
/// DICOMweb metadata stay on the Web's origin. Each forwarded request is audited (<see cref="StudyAccessAudit"/>).
/// Read-only: GET and HEAD only; a STOW-RS (<c>POST /dicom-web/studies</c>) is checked and stored by
/// <see cref="Apis.MeasurementStowApi"/>, any other method is refused (405). Without an Orthanc address both answer 503.
/// </summary>
public static class DicomWebProxy
{
    public const string ReviewersPolicy = "reviewers";
    private const string Cluster = "orthanc";

    public static WebApplicationBuilder AddDicomWebProxy(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ViewerOptions>().BindConfiguration(ViewerOptions.SectionName);
        services.AddSingleton<ViewerContentSecurityPolicy>();
        services.AddOptions<OrthancOptions>().BindConfiguration(OrthancOptions.SectionName)
            .Configure(orthanc => orthanc.Url ??= builder.Configuration[OrthancOptions.DiscoveryKey]);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReviewersPolicy, policy => policy.RequireRole(WebRoles.Radiologist, WebRoles.Admin))
            .AddPolicy(ViewerApi.ViewersPolicy, policy => policy.RequireRole(WebRoles.Radiologist, WebRoles.Admin, WebRoles.Researcher));

        var store = services.AddHttpClient<OrthancDicomWeb>((sp, http) =>
            OrthancDicomWeb.Configure(http, sp.GetRequiredService<IOptions<OrthancOptions>>().Value));
#pragma warning disable EXTEXP0001 // evaluation API: a STOW is not retried (the standard handler would send it again)
        store.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        var url = builder.Configuration[$"{OrthancOptions.SectionName}:Url"] ?? builder.Configuration[OrthancOptions.DiscoveryKey];
        if (string.IsNullOrWhiteSpace(url))
        {
            return builder;
        }
        services.AddReverseProxy()
            .LoadFromMemory(
                [Route(ViewerConfig.DicomWebPath), Route(ViewerConfig.WadoPath)],
                [new ClusterConfig
                {
                    ClusterId = Cluster,
                    Destinations = new Dictionary<string, DestinationConfig> { ["orthanc"] = new() { Address = url } },
                }])
            .AddTransforms(transforms =>
            {
                var orthanc = transforms.Services.GetRequiredService<IOptions<OrthancOptions>>().Value;
                var authorization = Authorization(orthanc);
                transforms.AddOriginalHost(useOriginal: true);
                transforms.AddRequestHeaderRemove("Cookie");
                transforms.AddRequestTransform(context =>
                {
                    context.ProxyRequest.Headers.Authorization = authorization;
                    StudyAccessAudit.ProxyRequest(context.HttpContext);
                    return ValueTask.CompletedTask;
                });
                transforms.AddResponseHeaderRemove("WWW-Authenticate");
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapDicomWebProxy(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<IProxyConfigProvider>() is not null)
        {
            app.MapReverseProxy();
            return app;
        }
        foreach (var path in new[] { ViewerConfig.DicomWebPath, ViewerConfig.WadoPath })
        {
            app.Map(path + "/{**rest}", () => TypedResults.Problem("Orthanc is not configured (services:orthanc:http:0)",
                    statusCode: StatusCodes.Status503ServiceUnavailable))
                .RequireAuthorization(ReviewersPolicy);
        }
        return app;
    }

    /// <summary>True for the paths the proxy serves: there an anonymous request is answered 401, not sent to the sign-in page.</summary>
    public static bool IsProxied(PathString path) =>
        path.StartsWithSegments(ViewerConfig.DicomWebPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ViewerConfig.WadoPath, StringComparison.OrdinalIgnoreCase);

    private static RouteConfig Route(string path) => new()
    {
        RouteId = path.Trim('/'),
        ClusterId = Cluster,
        AuthorizationPolicy = ReviewersPolicy,
        Match = new RouteMatch { Path = path + "/{**rest}", Methods = [HttpMethods.Get, HttpMethods.Head] },
    };

    /// <summary>Orthanc's Basic credentials (none without a user name): added by the Web's server, never sent to browsers.</summary>
    internal static AuthenticationHeaderValue? Authorization(OrthancOptions orthanc) =>
        string.IsNullOrEmpty(orthanc.Username)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{orthanc.Username}:{orthanc.Password}")));
}
