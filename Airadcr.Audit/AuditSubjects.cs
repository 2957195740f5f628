using System.Security.Cryptography;
using System.Text;

namespace Airadcr.Audit;

/// <summary>
/// How an entry names what it is about without an identifier in clear. A study is a keyed hash of its Study Instance
/// UID (HMAC-SHA256 with the deployment's pepper, <c>Audit:Pepper</c>, else <see cref="PepperFileName"/> generated in
/// the data directory; first 16 hex digits): the same study gives the same subject in every entry of a service, and
/// nobody without the pepper can test a UID against it. Users by their user id (never a patient), API keys by their
/// prefix only.
/// </summary>
public sealed class AuditSubjects
{
    public const string PepperFileName = "audit-pepper";

    private readonly byte[] _pepper;

    public AuditSubjects(string pepper)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pepper);
        _pepper = Encoding.UTF8.GetBytes(pepper);
    }

    /// <summary>The configured pepper when given, else the one kept in <paramref name="dataDirectory"/> (created when absent).</summary>
    public static AuditSubjects Load(string? pepper, string dataDirectory) =>
        new(!string.IsNullOrWhiteSpace(pepper)
            ? pepper
            : OwnerOnlyFile.ReadOrCreate(Path.Combine(dataDirectory, PepperFileName),
                () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));

    /// <summary><c>study:</c> and the keyed hash of the Study Instance UID.</summary>
    public string Study(string studyInstanceUid) => "study:" + Keyed(studyInstanceUid.Trim());

    /// <summary><c>instance:</c> and the keyed hash of a SOP Instance UID (which instance a user stored, findable again by its UID).</summary>
    public string Instance(string sopInstanceUid) => "instance:" + Keyed(sopInstanceUid.Trim());

    /// <summary><c>patient:</c> and the keyed hash of a Patient ID.</summary>
    public string Patient(string patientId) => "patient:" + Keyed(patientId.Trim());

    /// <summary><c>report:</c> and the keyed hash of a report's technical id (it can embed a study's hash or an accession).</summary>
    public string Report(string technicalId) => "report:" + Keyed(technicalId);

    /// <summary><c>query:</c> and the keyed hash of a search's criteria in a canonical form (they may name a patient).</summary>
    public string Query(string canonicalCriteria) => "query:" + Keyed(canonicalCriteria);

    /// <summary><c>user:</c> and the account's user name (staff, never a patient).</summary>
    public static string User(string userName) => "user:" + userName;

    /// <summary><c>key:</c> and an API key's lookup prefix (the service's own, never the whole key).</summary>
    public static string ApiKey(string prefix) => "key:" + prefix;

    private string Keyed(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_pepper, Encoding.UTF8.GetBytes(value)))[..16];
}
