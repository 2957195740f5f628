using Airadcr.AppHost.Hosting;
using Airadcr.LocalServers;

// The AIRADCR graph, declared like an Aspire AppHost. `dotnet run --project Airadcr.AppHost` starts it as local
// processes (Debian packages + our services' build output); `-- publish --output DIR` writes a docker-compose.yaml.
var builder = DistributedApplication.CreateBuilder(args);
var stableSeconds = builder.Options.StableSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

var postgres = builder.AddPostgres("postgres");
var reportsdb = postgres.AddDatabase("reportsdb");
var gatewaydb = postgres.AddDatabase("gatewaydb");
var webdb = postgres.AddDatabase("webdb");

var cache = builder.AddRedis("cache");

var pacs = builder.AddOrthanc("pacs")
    .WithLuaScript("Airadcr.DicomGateway/Orthanc/route-to-ia-server.lua")
    .WithStableAge(builder.Options.StableSeconds);

var reportApiKey = "airadcr_" + GeneratedSecret.Hex(24);
var reportApiAdminKey = GeneratedSecret.Hex(24);
var gatewayAdminKey = GeneratedSecret.Hex(24);
// The Web's first admin is created once per run folder: its password is kept there, in secrets/web-admin-password.
var webAdminPassword = builder.AddSecret("web-admin-password");

var reportapi = builder.AddProject("reportapi", "Airadcr.ReportApi")
    .WithHttpEndpoint(port: 8741)
    .WithHealthPath("/health")
    .WithLink("Scalar", "/scalar")
    .WithEnvironment("AIRADCR_PROD_API_KEY", reportApiKey)
    .WithEnvironment("AIRADCR_ADMIN_KEY", reportApiAdminKey)
    // The gateway and the Web share one API key, so one token bucket (the ReportApi's buckets follow the key).
    .WithEnvironment("Airadcr__rate_limit_per_minute", "1200")
    .WithEnvironment("Airadcr__rate_limit_burst", "200")
    .WithReference(reportsdb).WaitFor(reportsdb)
    .WithReference(cache).WaitFor(cache);

var inference = builder.AddProject("inference", "Airadcr.Inference")
    .WithLink("Scalar", "/scalar/v1");

var gateway = builder.AddProject("dicomgateway", "Airadcr.DicomGateway")
    .WithTcpEndpoint("dicom", port: 11112, environmentKey: "Gateway__Port", label: "IA_SERVER")
    .WithEnvironment("Gateway__StableSeconds", stableSeconds)
    .WithEnvironment("Gateway__ReportApiKey", reportApiKey)
    .WithEnvironment("Gateway__AdminKey", gatewayAdminKey)
    .WithEnvironment("Gateway__Pacs__AeTitle", () => pacs.IsReachable ? pacs.AeTitle : null)
    .WithEnvironment("Gateway__Pacs__Host", () => pacs.IsReachable ? pacs.Dicom.Host : null)
    .WithEnvironment("Gateway__Pacs__Port", () => pacs.IsReachable ? pacs.Dicom.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)
    .WithReference(gatewaydb).WaitFor(gatewaydb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(pacs).WaitFor(pacs)
    .WithReference(reportapi).WaitFor(reportapi)
    .WithReference(inference).WaitFor(inference);

gateway.WithEnvironment("Gateway__BindAddress", () => gateway.Published ? "0.0.0.0" : null);
// The ReportApi answers only the Host names it knows (DNS rebinding): in docker-compose it is called by its service name.
reportapi.WithEnvironment("Airadcr__allowed_hosts__0", () => reportapi.Published ? "reportapi" : null);
inference.WithReference(gateway);

pacs.WithModality("IA_SERVER", "IA_SERVER", () => gateway.GetEndpoint("dicom"))
    .WithGatewayApi(() => gateway.IsReachable ? new GatewayApiSettings(gateway.Http.Url, gatewayAdminKey) : null);

builder.AddProject("web", "Airadcr.Web")
    .WithEnvironment("Web__ReportApiKey", reportApiKey)
    .WithEnvironment("Web__ReportApiAdminKey", reportApiAdminKey)
    .WithEnvironment("Web__GatewayAdminKey", gatewayAdminKey)
    .WithEnvironment("AIRADCR_WEB_ADMIN_USER", "admin")
    .WithEnvironment("AIRADCR_WEB_ADMIN_PASSWORD", () => webAdminPassword.Value)
    // OHIF's /dicom-web and /wado go through the Web's proxy, which adds Orthanc's credentials server-side.
    .WithEnvironment("Web__Orthanc__Url", () => pacs.IsReachable ? pacs.Http.Url : null)
    .WithEnvironment("Web__Orthanc__Username", () => pacs.IsReachable ? pacs.UserName : null)
    .WithEnvironment("Web__Orthanc__Password", () => pacs.IsReachable ? pacs.Password : null)
    .WithReference(webdb).WaitFor(webdb)
    .WithReference(reportapi).WaitFor(reportapi)
    .WithReference(gateway)
    .WithReference(pacs).WaitFor(pacs)
    .WithReference(cache);

return await builder.Build().RunAsync();
