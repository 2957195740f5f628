namespace Airadcr.LocalServers;

/// <summary>
/// The gateway's HTTP API as the Orthanc routing script (<c>route-to-ia-server.lua</c>) reads it from the
/// <c>"Airadcr"</c> section of Orthanc's configuration: after forwarding a whole stable study it tells the gateway so,
/// and the gateway analyses the study without waiting for its own stability window.
/// </summary>
public sealed record GatewayApiSettings(string Url, string? AdminKey)
{
    /// <summary>The section's name in Orthanc's configuration.</summary>
    public const string Section = "Airadcr";

    /// <summary>The section's keys and values.</summary>
    public IReadOnlyDictionary<string, string> ToSection() => AdminKey is null
        ? new Dictionary<string, string> { ["GatewayUrl"] = Url }
        : new Dictionary<string, string> { ["GatewayUrl"] = Url, ["GatewayAdminKey"] = AdminKey };
}
