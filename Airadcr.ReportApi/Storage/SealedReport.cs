using System.ComponentModel;
using Airadcr.ReportApi.Domain;

namespace Airadcr.ReportApi.Storage;

/// <summary>
/// A report row as stored: indexes are HMACs, the payload is AES-GCM ciphertext, times are Unix milliseconds.
/// Nothing in it reveals an identifier or report text. Immutable (nothing writes into a loaded payload), so
/// HybridCache's in-memory tier hands out the same instance instead of deserializing a copy on every hit.
/// </summary>
[ImmutableObject(true)]
public sealed record SealedReport(
    string TidIndex,
    string? PatientIndex,
    string? AccessionIndex,
    string? ExamIndex,
    byte[] Payload,
    string ContentMac,
    string Status,
    long CreatedAt,
    long ExpiresAt,
    byte[]? Review = null)
{
    /// <summary>
    /// The report opened from this row by the first read that decrypted it, kept beside the row in memory so that a
    /// cached row is not decrypted again (not public: never serialized into the distributed cache, never stored). A
    /// memo of the immutable fields: two reads racing both open it, and either result is the same report. A field of
    /// the row rather than a ConditionalWeakTable, whose dependent handles every garbage collection scans: 2.9 ms per
    /// gen0 collection with 130,000 of them, each one a stall of the requests (bench/RESULTS.md).
    /// </summary>
    internal PendingReport? Opened { get; set; }
}

/// <summary>The blind indexes of a search; the non-null ones combine with AND.</summary>
public sealed record SealedCriteria(string? PatientIndex, string? AccessionIndex, string? ExamIndex);

public enum InsertResult
{
    Inserted,
    AlreadyExists,
}
