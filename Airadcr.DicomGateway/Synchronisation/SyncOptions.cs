using System.ComponentModel.DataAnnotations;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// <c>Gateway:Sync</c>: comparison and synchronisation between archives. Archives come from the archives registry
/// (<c>ArchiveRegistry</c>) and, for deployments without it, from <see cref="Archives"/>; the pairs' transfer method
/// and the scheduled pairs from <see cref="Pairs"/>.
/// </summary>
public sealed class SyncOptions
{
    /// <summary>Archives known to the synchronisation besides the registry's (configuration only).</summary>
    public List<SyncArchive> Archives { get; set; } = [];

    /// <summary>Per ordered pair (source, destination): how to copy, and whether the scheduler syncs it.</summary>
    public List<SyncPair> Pairs { get; set; } = [];

    /// <summary>How often the scheduler syncs the pairs marked <see cref="SyncPair.Scheduled"/>; null (default): never.</summary>
    public TimeSpan? SyncInterval { get; set; }

    /// <summary>The archive whose data wins a conflict under <see cref="ConflictStrategy.SourceOfTruth"/>.</summary>
    public string? SourceOfTruth { get; set; }

    /// <summary>The strategy of a job that names none.</summary>
    public ConflictStrategy DefaultConflict { get; set; } = ConflictStrategy.Skip;

    /// <summary>AE title of the relay listener (never <c>Gateway:AeTitle</c>: relayed instances do not enter the analysis pipeline).</summary>
    [Required, RegularExpression(@"^[ -~]{1,16}$")]
    public string RelayAeTitle { get; set; } = "IA_SYNC";

    /// <summary>Port of the relay listener, open only while a relay transfer runs (the source archive must know it).</summary>
    [Range(1, 65535)]
    public int RelayPort { get; set; } = 11113;

    /// <summary>How long the whole C-FIND census of one archive may take before the archive is marked failed.</summary>
    [Range(1, 86400)]
    public double QueryTimeoutSeconds { get; set; } = 60;

    /// <summary>How long one C-MOVE (pending responses included) may take before it is abandoned.</summary>
    [Range(1, 86400)]
    public double MoveTimeoutSeconds { get; set; } = 600;

    /// <summary>The most C-FIND answers one archive's census may hold (a peer answering forever is cut off).</summary>
    [Range(1, 10_000_000)]
    public int MaxQueryResults { get; set; } = 200_000;
}

/// <summary>An archive as a DIMSE peer.</summary>
public sealed record SyncArchive
{
    public required string Id { get; init; }

    public required string AeTitle { get; init; }

    public required string Host { get; init; }

    public required int Port { get; init; }
}

/// <summary>Settings of the ordered pair <see cref="Source"/> -> <see cref="Destination"/>.</summary>
public sealed class SyncPair
{
    [Required]
    public string Source { get; set; } = "";

    [Required]
    public string Destination { get; set; } = "";

    /// <summary><see cref="TransferMethod.Move"/> when the source knows the destination's AE title; relay otherwise.</summary>
    public TransferMethod Method { get; set; } = TransferMethod.Relay;

    /// <summary>Synced every <see cref="SyncOptions.SyncInterval"/> (the whole source, what the destination lacks).</summary>
    public bool Scheduled { get; set; }
}

/// <summary>How instances go from a source to a destination.</summary>
public enum TransferMethod
{
    /// <summary>C-MOVE from the source straight to the destination's AE title; confirmed by a C-FIND of the destination.</summary>
    Move,

    /// <summary>C-MOVE from the source to the gateway's relay listener, then C-STORE to the destination; confirmed by its status.</summary>
    Relay,
}

/// <summary>What a job does with a conflicting study (see the README's definition of a conflict).</summary>
public enum ConflictStrategy
{
    /// <summary>Not copied; its instances are recorded as skipped with the conflict.</summary>
    Skip,

    /// <summary>Copied when the job's source is <see cref="SyncOptions.SourceOfTruth"/>, skipped otherwise.</summary>
    SourceOfTruth,

    /// <summary>Copied when the source's study is newer (Study Date and Time) than the destination's conflicting one.</summary>
    Newest,
}
