using System.Text.Json.Serialization;

namespace Airadcr.DicomGateway.Archives;

/// <summary>What an archive is for: the primary (the PACS of record), a secondary copy, or a research store (JSON: lower case).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ArchiveRole>))]
public enum ArchiveRole
{
    [JsonStringEnumMemberName("primary")]
    Primary,

    [JsonStringEnumMemberName("secondary")]
    Secondary,

    [JsonStringEnumMemberName("research")]
    Research,
}

/// <summary>
/// An archive (PACS) the gateway queries: its DICOM address (C-ECHO, C-FIND study root, C-MOVE), optionally its
/// DICOMweb base URL (QIDO-RS searches instead of C-FIND when set), its role, and whether searches include it.
/// Credentials are kept apart (<see cref="ArchiveCredentials"/>, sealed at rest): they are never part of this record.
/// </summary>
/// <param name="Id">Opaque identifier (a GUID without dashes), stable across renames.</param>
/// <param name="Name">Unique display name.</param>
/// <param name="HasCredentials">Whether DICOMweb credentials are stored (never the credentials themselves).</param>
public sealed record ArchiveDefinition(
    string Id,
    string Name,
    string AeTitle,
    string Host,
    int Port,
    string? DicomWebBaseUrl,
    ArchiveRole Role,
    bool Enabled,
    bool HasCredentials = false)
{
    /// <summary>A new archive's identifier.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}

/// <summary>HTTP Basic credentials of an archive's DICOMweb service. <see cref="ToString"/> never prints the password.</summary>
public sealed record ArchiveCredentials(string UserName, string Password)
{
    public override string ToString() => $"ArchiveCredentials {{ UserName = {UserName}, Password = *** }}";
}
