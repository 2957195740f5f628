using System.ComponentModel;

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
    long ExpiresAt);

/// <summary>The blind indexes of a search; the non-null ones combine with AND.</summary>
public sealed record SealedCriteria(string? PatientIndex, string? AccessionIndex, string? ExamIndex);

public enum InsertResult
{
    Inserted,
    AlreadyExists,
}
