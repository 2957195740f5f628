namespace Airadcr.Inference.Studies;

/// <summary>Configuration section <c>Gateway</c>: where study references are resolved.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The DICOM gateway's base address; a service discovery name by default.</summary>
    public string BaseAddress { get; set; } = "http://dicomgateway";

    /// <summary>Instances downloaded at the same time.</summary>
    public int ParallelDownloads { get; set; } = 4;
}
