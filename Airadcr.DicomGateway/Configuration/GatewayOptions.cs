using System.ComponentModel.DataAnnotations;

namespace Airadcr.DicomGateway.Configuration;

/// <summary>The <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Our AE title; associations calling another title are rejected.</summary>
    [Required, RegularExpression(@"^[ -~]{1,16}$")]
    public string AeTitle { get; set; } = "IA_SERVER";

    [Range(0, 65535)]
    public int Port { get; set; } = 11112;

    /// <summary>Interface the SCP listens on (loopback by default; set 0.0.0.0 to serve a PACS on another host).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Where instances are stored (Part 10 files); default <c>$AIRADCR_DATA_DIR/gateway</c>.</summary>
    public string? StoragePath { get; set; }

    /// <summary>A study is complete when no instance arrived for this many seconds (fractions allowed, e.g. 0.5).</summary>
    [Range(0.1, 3600)]
    public double StableSeconds { get; set; } = 5;

    [Range(1, 1000)]
    public int MaxAssociations { get; set; } = 25;

    /// <summary>
    /// Free space the storage folder's file system must keep: below it, a C-STORE is refused with 0xA700 (out of
    /// resources) before its data set is written, so the index and the results always have room. 0 turns the check off
    /// (a full disk still answers 0xA700).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MinimumFreeDiskMegabytes { get; set; } = 100;

    /// <summary>ARTIM of an association: how long a release (or an association's own A-ASSOCIATE exchange) may take.</summary>
    [Range(0.1, 3600)]
    public double AssociationTimeoutSeconds { get; set; } = 30;

    /// <summary>ARTIM of a new connection: how long it has to deliver its A-ASSOCIATE-RQ (it holds no association slot meanwhile).</summary>
    [Range(0.1, 3600)]
    public double AssociationRequestTimeoutSeconds { get; set; } = 5;

    /// <summary>Connections waiting for their A-ASSOCIATE-RQ; one more evicts the oldest.</summary>
    [Range(1, 100_000)]
    public int MaxPendingConnections { get; set; } = 128;

    /// <summary>Connections from one address waiting for their A-ASSOCIATE-RQ; one more evicts that address's oldest.</summary>
    [Range(1, 100_000)]
    public int MaxPendingConnectionsPerAddress { get; set; } = 16;

    /// <summary>An association that sends nothing for this long is aborted, and its slot freed.</summary>
    [Range(0.1, 86400)]
    public double IdleTimeoutSeconds { get; set; } = 60;

    /// <summary>A response that cannot be written for this long (a peer that stops reading) aborts the association.</summary>
    [Range(0.1, 3600)]
    public double WriteTimeoutSeconds { get; set; } = 30;

    /// <summary>Calling AE titles allowed to associate; empty allows any (the admin API adds more at run time).</summary>
    public List<string> AllowedCallingAeTitles { get; set; } = [];

    /// <summary>
    /// Accept the compressed transfer syntaxes Airadcr.Dicom decodes (RLE, JPEG Baseline/Extended/Lossless, JPEG-LS,
    /// JPEG 2000), stored as received and decoded for analysis, thumbnails and reports. Off: uncompressed syntaxes only.
    /// </summary>
    public bool AcceptCompressed { get; set; } = true;

    /// <summary>
    /// Also accept Deflated Explicit VR Little Endian, inflated on receipt (as a stream, within
    /// <see cref="MaxInstanceMegabytes"/> and the free space) and stored in Explicit VR Little Endian.
    /// </summary>
    public bool AcceptDeflated { get; set; }

    /// <summary>The largest data set stored, as received or once inflated; past it a C-STORE gets 0xA700 (out of resources).</summary>
    [Range(1, 1 << 20)]
    public int MaxInstanceMegabytes { get; set; } = 2048;

    /// <summary>The largest STOW-RS request body (all its parts together); past it the request is cut and answered 413.</summary>
    [Range(1, 1 << 22)]
    public int MaxStowRequestMegabytes { get; set; } = 8192;

    /// <summary>When AI results (SR, PDF) go to the PACS: <c>immediate</c>, or <c>after-review</c> (held until signed).</summary>
    [RegularExpression("^(immediate|after-review)$")]
    public string PublishPolicy { get; set; } = "immediate";

    /// <summary>Language of the PDF report: <c>fr</c> or <c>en</c>.</summary>
    [RegularExpression("^(fr|en)$")]
    public string ReportLanguage { get; set; } = "fr";

    /// <summary>The inference service (a service discovery name by default).</summary>
    public string InferenceUrl { get; set; } = "http://inference";

    /// <summary>The ReportApi that receives pending reports (a service discovery name by default).</summary>
    public string ReportApiUrl { get; set; } = "http://reportapi";

    /// <summary>The gateway's API key for the ReportApi; no pending report is pushed without one.</summary>
    public string? ReportApiKey { get; set; }

    /// <summary>Analysis attempts before a job is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAnalysisAttempts { get; set; } = 5;

    /// <summary>
    /// Key the admin API (<c>/admin/*</c>) requires in <c>X-Admin-Key</c>. Without one, the admin API answers loopback
    /// callers only, and nobody when the service listens beyond loopback.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>Server mode: a job's stream entry idle this long (no heartbeat: its worker died) is taken over by another.</summary>
    [Range(1, 3600)]
    public int JobReclaimSeconds { get; set; } = 60;

    /// <summary>The PACS results are sent back to.</summary>
    public PacsOptions Pacs { get; set; } = new();

    /// <summary>The research space (<c>Gateway:Research</c>).</summary>
    public Research.ResearchOptions Research { get; set; } = new();

    /// <summary>The archives registry and federated search (<c>Gateway:Archives</c>).</summary>
    public Archives.ArchivesOptions Archives { get; set; } = new();

    /// <summary>Comparison and synchronisation between archives (<c>Gateway:Sync</c>).</summary>
    public Synchronisation.SyncOptions Sync { get; set; } = new();
}

/// <summary>The <c>Gateway:Pacs</c> section: the PACS's DICOM address.</summary>
public sealed class PacsOptions
{
    public string AeTitle { get; set; } = "ORTHANC";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 4242;
}
