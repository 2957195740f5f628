namespace Airadcr.DicomGateway.Archives;

/// <summary>What an archive definition must satisfy before it is stored (the API answers 400 with the first problem).</summary>
public static class ArchiveValidation
{
    public sealed record ArchiveProblem(string Message, string Field);

    public static ArchiveProblem? Problem(ArchiveDefinition archive) =>
        archive switch
        {
            { Name: var name } when string.IsNullOrWhiteSpace(name) || name.Length > 64 => new("name must be 1-64 characters", "name"),
            { AeTitle: var ae } when !IsAeTitle(ae) => new("AE title must be 1-16 printable characters without backslash", "aeTitle"),
            { Host: var host } when string.IsNullOrWhiteSpace(host) || host.Length > 253 || Uri.CheckHostName(host) == UriHostNameType.Unknown =>
                new("host must be a host name or an IP address", "host"),
            { Port: < 1 or > 65535 } => new("port must be 1-65535", "port"),
            { DicomWebBaseUrl: { } url } when !IsHttpUrl(url) => new("DICOMweb base URL must be an absolute http(s) URL", "dicomWebBaseUrl"),
            { Role: var role } when !Enum.IsDefined(role) => new("role must be primary, secondary or research", "role"),
            _ => null,
        };

    public static bool IsAeTitle(string? title) =>
        title is { Length: > 0 and <= 16 } && title.Trim().Length > 0 && title.All(c => c is >= ' ' and <= '~' and not '\\');

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo);
}
