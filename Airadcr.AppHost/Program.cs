using System.Globalization;
using Airadcr.AppHost.Publishing;
using Airadcr.AppHost.Run;
using Airadcr.AppHost.Servers;

// The AIRADCR graph on .NET Aspire. `dotnet run --project Airadcr.AppHost` starts it with the Aspire dashboard;
// `-- publish --output DIR` writes it as a docker-compose.yaml. Options: AppHostOptions.Usage.
var options = AppHostOptions.Parse(args);
if (options.Help)
{
    Console.WriteLine(AppHostOptions.Usage);
    return 0;
}
var publishing = options.Command == "publish";
var builder = DistributedApplication.CreateBuilder([.. options.AspireArguments, .. publishing ? ["--operation", "publish"] : Array.Empty<string>()]);
var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
var run = new RunFolder(options with { DataDirectory = publishing ? options.PublishOutput! : options.DataDirectory ?? Path.Combine(repositoryRoot, ".airadcr") });
var programs = ServerPrograms.Find(options, publishing);
if (ServerCheck.Refuses(programs, options.Strict))
{
    return 1;
}

var databases = builder.AddDatabases(programs, run);
var cache = builder.AddCache(programs, run);
var pacs = programs.Has("Orthanc") ? OrthancPacs.Add(builder, "pacs", programs, run, repositoryRoot, options.StableSeconds) : null;

// Keys the services share; kept in the run folder (secrets/), where a RIS or a script finds the ReportApi's key.
var reportApiKey = builder.AddRunSecret(run, "reportapi-key", "airadcr_");
var reportApiAdminKey = builder.AddRunSecret(run, "reportapi-admin-key");
var gatewayAdminKey = builder.AddRunSecret(run, "gateway-admin-key");
var webAdminPassword = builder.AddRunSecret(run, "web-admin-password");
// One pepper for the study hashes of every service's audit chain (the same study hashes alike in all three), and the
// master key of the gateway's research pseudonyms (in server mode the gateway makes no key file of its own).
var auditPepper = builder.AddRunSecret(run, "audit-pepper");
var researchDataKey = builder.AddRunSecret(run, "research-data-key", SecretShapeAnnotation.Key256);

var reportapi = builder.AddService<Projects.Airadcr_ReportApi>("reportapi", run, options, port: 8741, healthPath: "/health")
    .WithEnvironment("AIRADCR_PROD_API_KEY", reportApiKey)
    .WithEnvironment("AIRADCR_ADMIN_KEY", reportApiAdminKey)
    .WithEnvironment("Audit__Pepper", auditPepper)
    // The gateway and the Web share one API key, so one token bucket (the ReportApi's buckets follow the key).
    .WithEnvironment("Airadcr__rate_limit_per_minute", "1200")
    .WithEnvironment("Airadcr__rate_limit_burst", "200")
    .WithServer(databases?.Reports)
    .WithServer(cache);

if (publishing)
{
    // On a Docker host its callers reach it as http://reportapi:8080: a Host name it must answer (DNS rebinding guard).
    reportapi.WithEnvironment("Airadcr__allowed_hosts__0", "reportapi");
}

var inference = builder.AddService<Projects.Airadcr_Inference>("inference", run, options);

var gateway = builder.AddService<Projects.Airadcr_DicomGateway>("dicomgateway", run, options)
    .WithEndpoint(name: "dicom", scheme: "tcp", port: 11112, env: "Gateway__Port")
    .WithEnvironment("Gateway__StableSeconds", options.StableSeconds.ToString(CultureInfo.InvariantCulture))
    .WithEnvironment("Gateway__ReportApiKey", reportApiKey)
    .WithEnvironment("Gateway__AdminKey", gatewayAdminKey)
    .WithEnvironment("Gateway__Research__DataKey", researchDataKey)
    .WithEnvironment("Audit__Pepper", auditPepper)
    .WithServer(databases?.Gateway)
    .WithServer(cache)
    .WithReference(reportapi).WaitFor(reportapi)
    .WithReference(inference).WaitFor(inference);
inference.WithReference(gateway);

var web = builder.AddService<Projects.Airadcr_Web>("web", run, options, port: 5080)
    .WithExternalHttpEndpoints()
    .WithEnvironment("Web__ReportApiKey", reportApiKey)
    .WithEnvironment("Web__ReportApiAdminKey", reportApiAdminKey)
    .WithEnvironment("Web__GatewayAdminKey", gatewayAdminKey)
    .WithEnvironment("Audit__Pepper", auditPepper)
    .WithEnvironment("AIRADCR_WEB_ADMIN_USER", "admin")
    .WithEnvironment("AIRADCR_WEB_ADMIN_PASSWORD", webAdminPassword)
    .WithServer(databases?.Web)
    .WithServer(cache)
    .WithReference(reportapi).WaitFor(reportapi)
    .WithReference(gateway);

if (pacs is not null)
{
    pacs.RoutesTo(gateway, gatewayAdminKey, programs.Containers);
    gateway.WithEnvironment("Gateway__Pacs__AeTitle", OrthancPacs.AeTitle)
        .WithEnvironment("Gateway__Pacs__Host", pacs.Dicom.Property(EndpointProperty.Host))
        .WithEnvironment("Gateway__Pacs__Port", pacs.Dicom.Property(EndpointProperty.Port))
        .WaitFor(pacs.Resource);
    // The archives registry: this Orthanc is the primary; AppHost:SecondArchive adds another, registered as secondary.
    gateway.WithArchive(0, "orthanc", pacs, "Primary");
    if (bool.TryParse(builder.Configuration[GatewayArchives.SecondArchiveSetting], out var secondArchiveWanted) && secondArchiveWanted)
    {
        var secondArchive = OrthancPacs.Add(builder, "pacs2", programs, run, repositoryRoot, options.StableSeconds, httpPort: 8043, dicomPort: 4243,
            routing: false);
        secondArchive.RoutesTo(gateway, gatewayAdminKey, programs.Containers);
        gateway.WithArchive(1, "orthanc-2", secondArchive, "Secondary");
    }
    // OHIF's /dicom-web and /wado go through the Web's proxy, which adds Orthanc's credentials server-side.
    web.WithEnvironment("Web__Orthanc__Url", pacs.Http)
        .WithEnvironment("Web__Orthanc__Username", OrthancPacs.UserName)
        .WithEnvironment("Web__Orthanc__Password", pacs.Password)
        .WaitFor(pacs.Resource);
}

if (publishing)
{
    using var app = builder.Build();
    var written = await ComposePublisher.WriteAsync(app, options.PublishOutput!, CancellationToken.None);
    Console.WriteLine($"Wrote {written} (docker compose -f {written} up)");
    return 0;
}
builder.AddRunConsole(run, options, pacs);
await builder.Build().RunAsync();
return 0;
