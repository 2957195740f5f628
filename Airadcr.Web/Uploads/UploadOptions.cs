using System.ComponentModel.DataAnnotations;

namespace Airadcr.Web.Uploads;

/// <summary>Section <c>Web:Upload</c>: what one uploaded file (a DICOM file or a ZIP of them) may be.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Web:Upload";

    /// <summary>The largest uploaded file (a ZIP is streamed to a temporary file, never held in memory).</summary>
    [Range(1, 1 << 20)]
    public int MaxFileMegabytes { get; set; } = 4096;

    /// <summary>The most entries a ZIP may hold.</summary>
    [Range(1, 1_000_000)]
    public int MaxZipEntries { get; set; } = 20_000;

    /// <summary>The most bytes a ZIP's entries may inflate to, all together (a ZIP bomb stops here).</summary>
    [Range(1, 1 << 24)]
    public int MaxZipUncompressedMegabytes { get; set; } = 65_536;

    /// <summary>The highest inflated/compressed ratio of one entry above 1 MiB (DICOM deflates 2-10x; a bomb, thousands).</summary>
    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Entries sent to the gateway per STOW-RS request.</summary>
    [Range(1, 500)]
    public int InstancesPerRequest { get; set; } = 25;
}
