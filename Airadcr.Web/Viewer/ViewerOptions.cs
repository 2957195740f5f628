namespace Airadcr.Web.Viewer;

/// <summary>Section <c>Web:Viewer</c>: where the prebuilt OHIF viewer lies (eng/fetch-ohif.sh puts it there).</summary>
public sealed class ViewerOptions
{
    public const string SectionName = "Web:Viewer";
    public const string OhifVersion = "3.13.2";

    /// <summary>The relocated <c>@ohif/app</c> dist folder; default <c>$XDG_CACHE_HOME/airadcr/ohif-3.13.2</c> (~/.cache when unset).</summary>
    public string? Path { get; set; }

    public string ResolvePath() => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "airadcr", "ohif-" + OhifVersion)
        : Path;
}

/// <summary>
/// Section <c>Web:Orthanc</c>: the PACS behind <c>/dicom-web</c> and <c>/wado</c>. Its address comes from service
/// discovery (<c>services:orthanc:http:0</c>) unless <see cref="Url"/> is set; the credentials are added by the Web's
/// server to every proxied request and never reach the browser.
/// </summary>
public sealed class OrthancOptions
{
    public const string SectionName = "Web:Orthanc";
    public const string DiscoveryKey = "services:orthanc:http:0";

    public string? Url { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The largest STOW-RS body a radiologist may send through <c>POST /dicom-web/studies</c> (an SR of measurements is kilobytes).</summary>
    public long MaxStoreBytes { get; set; } = 16 * 1024 * 1024;
}
