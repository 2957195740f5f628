using System.Text.Json;
using System.Text.Json.Nodes;
using Airadcr.AppHost.Run;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Servers;

/// <summary>
/// Orthanc's configuration for the AIRADCR PACS, one file for both ways it runs (executable, container): what varies
/// per run (ports, password, where IA_SERVER is, the gateway's API and key) is <c>${VARIABLE}</c>, which Orthanc itself
/// replaces from its environment when it reads the file; Aspire sets those variables.
/// </summary>
internal static class OrthancConfiguration
{
    public const string HttpPort = "ORTHANC_HTTP_PORT";
    public const string DicomPort = "ORTHANC_DICOM_PORT";
    public const string Password = "ORTHANC_PASSWORD";
    public const string GatewayHost = "IA_SERVER_HOST";
    public const string GatewayPort = "IA_SERVER_PORT";
    public const string GatewayUrl = "AIRADCR_GATEWAY_URL";
    public const string GatewayAdminKey = "AIRADCR_GATEWAY_ADMIN_KEY";

    /// <summary>Writes <c>orthanc.json</c> (owner-only) into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, string storage, IEnumerable<string> luaScripts, int stableAgeSeconds, bool remoteAccess,
        IReadOnlyList<string> plugins)
    {
        var json = new JsonObject
        {
            ["Name"] = "AIRADCR PACS (Orthanc)",
            ["StorageDirectory"] = storage,
            ["IndexDirectory"] = storage,
            ["Plugins"] = new JsonArray([.. plugins.Select(p => JsonValue.Create(p))]),
            ["HttpPort"] = Variable(HttpPort),
            ["RemoteAccessAllowed"] = remoteAccess,
            ["AuthenticationEnabled"] = true,
            ["RegisteredUsers"] = new JsonObject { [OrthancPacs.UserName] = $"${{{Password}}}" },
            ["DicomAet"] = OrthancPacs.AeTitle,
            ["DicomPort"] = Variable(DicomPort),
            ["DicomCheckCalledAet"] = false,
            ["DicomAlwaysAllowEcho"] = true,
            ["DicomAlwaysAllowStore"] = false,
            ["DicomCheckModalityHost"] = !remoteAccess,
            ["DicomModalities"] = new JsonObject
            {
                [OrthancPacs.GatewayModality] = new JsonArray("IA_SERVER", $"${{{GatewayHost}}}", Variable(GatewayPort)),
                // The local modality (storescu, a scanner simulator) may send studies; Orthanc checks AE title and host.
                ["LOCAL_SCU"] = new JsonArray("STORESCU", "127.0.0.1", 104),
            },
            ["LuaScripts"] = new JsonArray([.. luaScripts.Select(p => JsonValue.Create(p))]),
            ["StableAge"] = stableAgeSeconds,
            ["DicomWeb"] = new JsonObject { ["Enable"] = true, ["Root"] = "/dicom-web/", ["EnableWado"] = true, ["WadoRoot"] = "/wado" },
            [GatewayApiSettings.Section] = new JsonObject
            {
                ["GatewayUrl"] = $"${{{GatewayUrl}}}",
                ["GatewayAdminKey"] = $"${{{GatewayAdminKey}}}",
            },
        };
        // A number whose digits come from the environment: a placeholder string now, unquoted below.
        var text = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        foreach (var variable in new[] { HttpPort, DicomPort, GatewayPort })
        {
            text = text.Replace($"\"{Variable(variable)}\"", $"${{{variable}}}", StringComparison.Ordinal);
        }
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "orthanc.json");
        OwnerOnlyFile.Write(path, text);
        return path;
    }

    private static string Variable(string name) => $"@number:{name}";
}
