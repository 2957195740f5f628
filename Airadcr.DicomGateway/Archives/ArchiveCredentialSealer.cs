using System.Text.Json;
using Airadcr.DicomGateway.Research;
using Airadcr.DicomGateway.Security;

namespace Airadcr.DicomGateway.Archives;

/// <summary>
/// Seals an archive's credentials for <c>archives.credentials_sealed</c> (<see cref="AesGcmSeal"/>, bound to the archive's
/// id) with a key derived from the gateway's data key (<see cref="ResearchKeys"/>: <c>Gateway:Research:DataKey</c>, else
/// <c>AIRADCR_DATA_KEY</c>, else the embedded mode's key file). In server mode without a data key, credentials cannot be
/// stored (<see cref="Available"/> is false).
/// </summary>
public sealed class ArchiveCredentialSealer(ResearchAccess access)
{
    private const string KeyLabel = "airadcr/archives/credentials/v1";
    private readonly Lazy<byte[]?> _key = new(() => access.Keys?.DeriveKey(KeyLabel));

    public bool Available => _key.Value is not null;

    public byte[] Seal(string archiveId, ArchiveCredentials credentials) =>
        AesGcmSeal.Seal(Key, JsonSerializer.SerializeToUtf8Bytes(new[] { credentials.UserName, credentials.Password }), Aad(archiveId));

    public ArchiveCredentials Open(string archiveId, byte[] sealedBytes)
    {
        var parts = JsonSerializer.Deserialize<string[]>(AesGcmSeal.Open(Key, sealedBytes, Aad(archiveId)));
        return parts is [var user, var password] ? new ArchiveCredentials(user, password)
            : throw new InvalidOperationException("Sealed archive credentials have an unknown shape.");
    }

    private byte[] Key => _key.Value
        ?? throw new InvalidOperationException("Archive credentials need Gateway:Research:DataKey or AIRADCR_DATA_KEY in server mode.");

    private static string Aad(string archiveId) => "archive-credentials:" + archiveId;
}
