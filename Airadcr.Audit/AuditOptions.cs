namespace Airadcr.Audit;

/// <summary>The <c>Audit</c> section (environment <c>Audit__*</c>), the same keys in every service.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>PEM of the ECDSA P-256 checkpoint key; absent: <c>audit-signing-key.pem</c> in the data directory, generated once.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The per-deployment secret of the study hashes; absent: <c>audit-pepper</c> in the data directory, generated once.</summary>
    public string? Pepper { get; set; }

    /// <summary>Where checkpoints are exported (JSON lines, append only); absent: <c>audit-checkpoints.jsonl</c> in the data directory.</summary>
    public string? CheckpointExportPath { get; set; }

    /// <summary>How often the head is checkpointed when entries were added (also at shutdown).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the key, the pepper and (by default) the export live when not configured; each service sets its own.</summary>
    public string? DataDirectory { get; set; }

    internal string ResolveDataDirectory() =>
        DataDirectory ?? throw new InvalidOperationException("Audit:DataDirectory is not set (each service sets it to its data directory)");

    internal string ResolveExportPath() =>
        string.IsNullOrWhiteSpace(CheckpointExportPath) ? System.IO.Path.Combine(ResolveDataDirectory(), "audit-checkpoints.jsonl") : CheckpointExportPath;
}
