using Airadcr.AppHost.Hosting;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Publishing;

/// <summary>The compose services of the servers (official images) and the files they mount.</summary>
internal static class ComposeServers
{
    public static Dictionary<string, object> Postgres(PostgresServerResource postgres, string output)
    {
        var init = Directory.CreateDirectory(Path.Combine(output, "postgres-init")).FullName;
        File.WriteAllText(Path.Combine(init, "01-databases.sql"),
            string.Concat(postgres.Databases.Select(d => $"CREATE DATABASE \"{d.Name}\";\n")));
        return new Dictionary<string, object>
        {
            ["image"] = ComposeImages.Postgres,
            ["environment"] = new Dictionary<string, string> { ["POSTGRES_USER"] = "postgres", ["POSTGRES_PASSWORD"] = "${POSTGRES_PASSWORD}" },
            ["volumes"] = new[] { $"{postgres.Name}-data:/var/lib/postgresql/data", "./postgres-init:/docker-entrypoint-initdb.d:ro" },
            ["healthcheck"] = Healthcheck("pg_isready -U postgres"),
        };
    }

    public static Dictionary<string, object> Redis() => new()
    {
        ["image"] = ComposeImages.Redis,
        ["command"] = new[] { "redis-server", "--requirepass", "${REDIS_PASSWORD}", "--save", "", "--appendonly", "no" },
        ["healthcheck"] = Healthcheck("redis-cli -a \"$$REDIS_PASSWORD\" ping | grep PONG"),
        ["environment"] = new Dictionary<string, string> { ["REDIS_PASSWORD"] = "${REDIS_PASSWORD}" },
    };

    public static Dictionary<string, object> Orthanc(OrthancResource pacs, string output, string repositoryRoot)
    {
        var folder = Directory.CreateDirectory(Path.Combine(output, pacs.Name)).FullName;
        foreach (var script in pacs.LuaScripts)
        {
            File.Copy(Path.Combine(repositoryRoot, script), Path.Combine(folder, Path.GetFileName(script)), overwrite: true);
        }
        var modalities = pacs.Modalities.ToDictionary(m => m.Name, m => new object[] { m.AeTitle, m.Endpoint().Host, m.Endpoint().Port });
        var configuration = new Dictionary<string, object>
        {
            ["Name"] = "AIRADCR PACS (Orthanc)",
            ["DicomAet"] = pacs.AeTitle,
            ["DicomCheckCalledAet"] = false,
            ["DicomAlwaysAllowStore"] = true,
            ["DicomModalities"] = modalities,
            ["StableAge"] = pacs.StableAgeSeconds,
            ["LuaScripts"] = pacs.LuaScripts.Select(s => "/etc/orthanc/lua/" + Path.GetFileName(s)).ToArray(),
            ["DicomWeb"] = new Dictionary<string, object> { ["Enable"] = true, ["Root"] = "/dicom-web/", ["EnableWado"] = true, ["WadoRoot"] = "/wado" },
        };
        if (pacs.GatewayApi is { } gateway)
        {
            configuration[GatewayApiSettings.Section] = gateway.ToSection();
        }
        File.WriteAllText(Path.Combine(folder, "airadcr.json"), ComposePublisher.Json(configuration));
        return new Dictionary<string, object>
        {
            ["image"] = ComposeImages.Orthanc,
            ["environment"] = new Dictionary<string, string>
            {
                ["DICOM_WEB_PLUGIN_ENABLED"] = "true",
                ["ORTHANC__AUTHENTICATION_ENABLED"] = "true",
                ["ORTHANC__REGISTERED_USERS"] = $"{{\"{pacs.UserName}\": \"${{ORTHANC_PASSWORD}}\"}}",
            },
            ["volumes"] = new[]
            {
                $"{pacs.Name}-data:/var/lib/orthanc/db",
                $"./{pacs.Name}/airadcr.json:/etc/orthanc/airadcr.json:ro",
            }.Concat(pacs.LuaScripts.Select(s => $"./{pacs.Name}/{Path.GetFileName(s)}:/etc/orthanc/lua/{Path.GetFileName(s)}:ro")).ToArray(),
            ["ports"] = new[] { "8042:8042", "4242:4242" },
            ["healthcheck"] = Healthcheck("curl -fsS -u \"airadcr:$$ORTHANC_PASSWORD\" http://localhost:8042/system"),
        };
    }

    /// <summary>OHIF's viewer reading Orthanc's DICOMweb (the Web service serves it same-origin in the local graph).</summary>
    public static Dictionary<string, object> Ohif(OrthancResource pacs, string output)
    {
        var folder = Directory.CreateDirectory(Path.Combine(output, "ohif")).FullName;
        File.WriteAllText(Path.Combine(folder, "app-config.js"), $$"""
            window.config = {
              routerBasename: '/',
              showStudyList: true,
              dataSources: [{
                namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
                sourceName: 'orthanc',
                configuration: {
                  friendlyName: 'AIRADCR PACS',
                  qidoRoot: 'http://localhost:{{ComposePublisher.Port(8042)}}/dicom-web',
                  wadoRoot: 'http://localhost:{{ComposePublisher.Port(8042)}}/dicom-web',
                  wadoUriRoot: 'http://localhost:{{ComposePublisher.Port(8042)}}/wado',
                  qidoSupportsIncludeField: false,
                  imageRendering: 'wadors',
                  thumbnailRendering: 'wadors',
                  omitQuotationForMultipartRequest: true,
                },
              }],
              defaultDataSourceName: 'orthanc',
            };
            """);
        return new Dictionary<string, object>
        {
            ["image"] = ComposeImages.Ohif,
            ["volumes"] = new[] { "./ohif/app-config.js:/usr/share/nginx/html/app-config.js:ro" },
            ["ports"] = new[] { "3000:80" },
            ["depends_on"] = new[] { pacs.Name },
        };
    }

    private static Dictionary<string, object> Healthcheck(string command) => new()
    {
        ["test"] = new[] { "CMD-SHELL", command },
        ["interval"] = "5s",
        ["timeout"] = "5s",
        ["retries"] = 10,
    };
}
