using System.ComponentModel.DataAnnotations;

namespace Airadcr.DicomGateway.Archives;

/// <summary>The <c>Gateway:Archives</c> section: archives registered at start-up, and the federated search's limits.</summary>
public sealed class ArchivesOptions
{
    /// <summary>
    /// Archives this deployment always has (the AppHost's Orthanc, e.g. <c>Gateway__Archives__Seed__0__Name</c>): at
    /// start-up each is added, or, when an archive of that name exists, its address, role and credentials are refreshed
    /// (its enabled flag stays as an admin left it). Idempotent.
    /// </summary>
    public List<ArchiveSeed> Seed { get; set; } = [];

    /// <summary>How long one archive has to answer a federated search before it is reported <c>timeout</c> (a request may ask for less).</summary>
    [Range(0.1, 300)]
    public double SearchTimeoutSeconds { get; set; } = 5;

    /// <summary>The most matches kept from one archive for one search (more are cut and the archive marked partial).</summary>
    [Range(1, 1_000_000)]
    public int MaxResultsPerArchive { get; set; } = 20_000;
}

/// <summary>One archive of <see cref="ArchivesOptions.Seed"/>.</summary>
public sealed class ArchiveSeed
{
    public string Name { get; set; } = "";

    public string AeTitle { get; set; } = "";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; }

    public string? DicomWebBaseUrl { get; set; }

    public ArchiveRole Role { get; set; } = ArchiveRole.Primary;

    public bool Enabled { get; set; } = true;

    /// <summary>DICOMweb user (with <see cref="Password"/>), sealed in the registry.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    internal ArchiveDefinition ToDefinition(string id) =>
        new(id, Name.Trim(), AeTitle.Trim(), Host.Trim(), Port, string.IsNullOrWhiteSpace(DicomWebBaseUrl) ? null : DicomWebBaseUrl.Trim(), Role, Enabled);

    internal ArchiveCredentials? Credentials =>
        string.IsNullOrEmpty(UserName) ? null : new ArchiveCredentials(UserName, Password ?? "");
}
