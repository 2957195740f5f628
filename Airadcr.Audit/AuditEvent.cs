namespace Airadcr.Audit;

/// <summary>
/// One thing to record: who (<paramref name="Actor"/>: a user id, an API key prefix, a calling AE title), did what
/// (<paramref name="Action"/>), to what (<paramref name="Subject"/>: a pseudonymous reference from
/// <see cref="AuditSubjects"/>, never an identifier in clear) and a short <paramref name="Detail"/> (counts, outcomes;
/// never patient data).
/// </summary>
public sealed record AuditEvent(string Actor, string Action, string? Subject = null, string? Detail = null);

/// <summary>
/// An entry of the chain: the event, its place (<paramref name="Seq"/>, from 1), when and by which service it was
/// appended, and the SHA-256 link: <paramref name="Hash"/> covers every field and <paramref name="PreviousHash"/>
/// (the previous entry's <c>Hash</c>, or <see cref="AuditHash.Genesis"/> for the first).
/// </summary>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset Time,
    string Service,
    string Actor,
    string Action,
    string? Subject,
    string? Detail,
    string PreviousHash,
    string Hash)
{
    /// <summary>The hash this entry's fields give (equal to <see cref="Hash"/> unless the entry was changed).</summary>
    public string ComputeHash() => ComputeHash(Seq);

    /// <summary>The hash these fields would have at <paramref name="seq"/> (finds an entry moved from its place).</summary>
    public string ComputeHash(long seq) =>
        AuditHash.Compute(seq, Time.ToUnixTimeMilliseconds(), Service, Actor, Action, Subject, Detail, PreviousHash);
}
