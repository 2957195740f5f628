namespace Airadcr.AppHost.Servers;

/// <summary>
/// Registers an Orthanc of the graph in the gateway's archives registry (issue 22) through <c>Gateway:Archives:Seed</c>:
/// its DICOM address, its DICOMweb base URL and credentials (sealed by the gateway), its role. The gateway applies the
/// seeds at each start, idempotently by name.
/// </summary>
internal static class GatewayArchives
{
    /// <summary><c>AppHost:SecondArchive=true</c> (e.g. <c>-- --AppHost:SecondArchive=true</c>): a second Orthanc, registered as secondary.</summary>
    public const string SecondArchiveSetting = "AppHost:SecondArchive";

    public static IResourceBuilder<ProjectResource> WithArchive(this IResourceBuilder<ProjectResource> gateway, int index, string name,
        OrthancPacs orthanc, string role)
    {
        var prefix = $"Gateway__Archives__Seed__{index}__";
        return gateway.WithEnvironment(prefix + "Name", name)
            .WithEnvironment(prefix + "AeTitle", OrthancPacs.AeTitle)
            .WithEnvironment(prefix + "Host", orthanc.Dicom.Property(EndpointProperty.Host))
            .WithEnvironment(prefix + "Port", orthanc.Dicom.Property(EndpointProperty.Port))
            .WithEnvironment(prefix + "DicomWebBaseUrl", ReferenceExpression.Create($"{orthanc.Http}/dicom-web/"))
            .WithEnvironment(prefix + "UserName", OrthancPacs.UserName)
            .WithEnvironment(prefix + "Password", orthanc.Password)
            .WithEnvironment(prefix + "Role", role)
            .WaitFor(orthanc.Resource);
    }
}
