namespace Airadcr.DicomGateway.Research;

/// <summary>The <c>Gateway:Research</c> section.</summary>
public sealed class ResearchOptions
{
    /// <summary>
    /// Base64 of the 32-byte master key that protects the research tables at rest (project secrets, pseudonym mappings,
    /// selections). Else <c>AIRADCR_DATA_KEY</c>; else, in embedded mode only, <c>{StoragePath}/research.key</c>,
    /// generated 0600 on first use (<see cref="ResearchKeys"/>).
    /// </summary>
    public string? DataKey { get; set; }
}
