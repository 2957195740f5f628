using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Airadcr.ReportApi.Domain;
using Airadcr.ReportApi.Storage;

namespace Airadcr.ReportApi.Security;

/// <summary>
/// Turns a report into what is stored: the whole content (identifiers, structured, metadata) encrypted with
/// AES-256-GCM, bound to its technical-id index, plus HMAC-SHA256 blind indexes for the lookups.
/// </summary>
public sealed class ReportSealer(DataKeyRing keys)
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public string IndexOf(string field, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(field + "\0" + value);
        return Convert.ToBase64String(HMACSHA256.HashData(keys.IndexKey, bytes));
    }

    public string? OptionalIndexOf(string field, string? value) =>
        string.IsNullOrEmpty(value) ? null : IndexOf(field, value);

    public string TechnicalIdIndex(string technicalId) => IndexOf(IndexedField.TechnicalId, technicalId);

    public SealedReport Seal(ReportContent content, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(content, ReportContentJson.Options);
        var tidIndex = TechnicalIdIndex(content.TechnicalId);
        return new SealedReport(
            tidIndex,
            OptionalIndexOf(IndexedField.PatientId, content.PatientId),
            OptionalIndexOf(IndexedField.AccessionNumber, content.AccessionNumber),
            OptionalIndexOf(IndexedField.ExamUid, content.ExamUid),
            Encrypt(plaintext, tidIndex),
            Convert.ToBase64String(HMACSHA256.HashData(keys.IndexKey, plaintext)),
            ReportStatusNames.Pending,
            createdAt.ToUnixTimeMilliseconds(),
            expiresAt.ToUnixTimeMilliseconds());
    }

    public PendingReport Open(SealedReport sealedReport)
    {
        var plaintext = Decrypt(sealedReport.Payload, sealedReport.TidIndex);
        var content = JsonSerializer.Deserialize<ReportContent>(plaintext, ReportContentJson.Options)
            ?? throw new CryptographicException("Empty report payload.");
        return new PendingReport(
            content,
            ReportStatusNames.Parse(sealedReport.Status),
            DateTimeOffset.FromUnixTimeMilliseconds(sealedReport.CreatedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(sealedReport.ExpiresAt),
            sealedReport.Review is { } review
                ? JsonSerializer.Deserialize<ReportReview>(Decrypt(review, ReviewAssociatedData(sealedReport.TidIndex)), ReportContentJson.Options)
                : null);
    }

    /// <summary>A review outcome sealed for the report of <paramref name="tidIndex"/> (bound to it and to its purpose).</summary>
    public byte[] SealReview(ReportReview review, string tidIndex) =>
        Encrypt(JsonSerializer.SerializeToUtf8Bytes(review, ReportContentJson.Options), ReviewAssociatedData(tidIndex));

    private static string ReviewAssociatedData(string tidIndex) => tidIndex + "\0review";

    private byte[] Encrypt(byte[] plaintext, string associatedData)
    {
        var output = new byte[HeaderSize + plaintext.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.EncryptionKey, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize),
            Encoding.ASCII.GetBytes(associatedData));
        return output;
    }

    private byte[] Decrypt(byte[] sealedBytes, string associatedData)
    {
        if (sealedBytes.Length < HeaderSize || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown report payload format.");
        }

        var plaintext = new byte[sealedBytes.Length - HeaderSize];
        using var aes = new AesGcm(keys.EncryptionKey, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(HeaderSize), sealedBytes.AsSpan(1 + NonceSize, TagSize),
            plaintext, Encoding.ASCII.GetBytes(associatedData));
        return plaintext;
    }
}

/// <summary>Names that separate the blind indexes of different fields.</summary>
public static class IndexedField
{
    public const string TechnicalId = "technical_id";
    public const string PatientId = "patient_id";
    public const string AccessionNumber = "accession_number";
    public const string ExamUid = "exam_uid";
}

internal static class ReportContentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
