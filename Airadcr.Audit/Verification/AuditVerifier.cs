using Airadcr.Audit.Checkpoints;
using Airadcr.Audit.Storage;

namespace Airadcr.Audit.Verification;

/// <summary>
/// Recomputes the chain and checks the checkpoints, those in the database and those in the export file: each must be
/// signed by the service's key and match the entry at its seq, and none may lie beyond the chain's end. Names each
/// break (edited, deleted, inserted, reordered, truncated, forged checkpoint) and where it is. Reads the chain twice,
/// keeping one small record per entry (an 8-byte hash prefix and its seq), not the entries.
/// </summary>
public sealed class AuditVerifier(IAuditStore store, AuditSigningKey key, CheckpointExport? export)
{
    /// <summary>At most this many breaks are listed (one edit can be enough to list thousands otherwise).</summary>
    public const int MaxBreaks = 100;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var breaks = new List<AuditChainBreak>();
        var stored = await store.CheckpointsAsync(cancellationToken);
        var (exported, badLines) = export?.Read() ?? ([], []);
        var checkpointSeqs = stored.Concat(exported).Select(c => c.Seq).ToHashSet();

        // Pass 1: where each hash is stored, and the hashes at the checkpoints' seqs.
        var seqOfHash = new Dictionary<ulong, long>();
        var hashAtCheckpoint = new Dictionary<long, string>();
        long entries = 0;
        AuditEntry? head = null;
        await foreach (var entry in store.ReadAsync(1, cancellationToken))
        {
            seqOfHash.TryAdd(Prefix(entry.Hash), entry.Seq);
            if (checkpointSeqs.Contains(entry.Seq))
            {
                hashAtCheckpoint[entry.Seq] = entry.Hash;
            }
            entries++;
            head = entry;
        }

        // Pass 2: the chain itself.
        var chain = new ChainWalk(seqOfHash, breaks);
        await foreach (var entry in store.ReadAsync(1, cancellationToken))
        {
            chain.Next(entry);
        }

        var lastSeq = head?.Seq ?? 0;
        foreach (var checkpoint in stored)
        {
            CheckCheckpoint(checkpoint, "stored", hashAtCheckpoint, lastSeq, breaks);
        }
        foreach (var checkpoint in exported)
        {
            CheckCheckpoint(checkpoint, "exported", hashAtCheckpoint, lastSeq, breaks);
        }
        foreach (var line in badLines)
        {
            breaks.Add(new AuditChainBreak(0, AuditBreakKind.ExportUnreadable, $"line {line} of {export!.Path} is not a checkpoint"));
        }

        var latest = stored.Concat(exported).Where(c => c.IsSignedBy(key)).MaxBy(c => c.Seq);
        return new AuditVerification(breaks.Take(MaxBreaks).ToList(), entries, head, latest);
    }

    private void CheckCheckpoint(AuditCheckpoint checkpoint, string where, Dictionary<long, string> hashAtCheckpoint, long lastSeq,
        List<AuditChainBreak> breaks)
    {
        if (!checkpoint.IsSignedBy(key))
        {
            breaks.Add(new AuditChainBreak(checkpoint.Seq, AuditBreakKind.CheckpointSignature,
                $"the {where} checkpoint at seq {checkpoint.Seq} is not signed by this service's key {key.KeyId} (key {checkpoint.KeyId})"));
            return;
        }
        if (checkpoint.Seq > lastSeq)
        {
            breaks.Add(new AuditChainBreak(checkpoint.Seq, AuditBreakKind.Truncated,
                $"the chain ends at seq {lastSeq} but the {where} checkpoint of {checkpoint.Time:u} covers seq {checkpoint.Seq}: its tail was removed"));
        }
        else if (hashAtCheckpoint.TryGetValue(checkpoint.Seq, out var hash) && hash != checkpoint.Hash)
        {
            breaks.Add(new AuditChainBreak(checkpoint.Seq, AuditBreakKind.CheckpointMismatch,
                $"the entry at seq {checkpoint.Seq} has hash {hash[..16]}…, the {where} checkpoint says {checkpoint.Hash[..16]}…: the chain was rewritten up to there"));
        }
    }

    internal static ulong Prefix(string hash) => hash.Length >= 16 && ulong.TryParse(hash.AsSpan(0, 16), System.Globalization.NumberStyles.HexNumber, null, out var value) ? value : 0;

    /// <summary>Pass 2's state: the entry before the current one, and the renumbering explained so far.</summary>
    private sealed class ChainWalk(Dictionary<ulong, long> seqOfHash, List<AuditChainBreak> breaks)
    {
        private readonly HashSet<long> _moved = [];
        private AuditEntry? _previous;
        private long _shift; // stored seq - written seq, after an insertion or deletion that renumbered the rest

        public void Next(AuditEntry entry)
        {
            var expected = (_previous?.Seq ?? 0) + 1;
            var gap = entry.Seq > expected;
            if (gap)
            {
                Add(expected, AuditBreakKind.Deleted, entry.Seq == expected + 1
                    ? $"gap at seq {expected}: the entry is missing"
                    : $"gap at seq {expected}: entries {expected} to {entry.Seq - 1} are missing");
            }

            var contentOk = entry.ComputeHash() == entry.Hash;
            var origin = contentOk ? entry.Seq : FindOrigin(entry);
            var linkOk = entry.PreviousHash == (_previous?.Hash ?? AuditHash.Genesis);
            if (!linkOk && !gap && _previous is not null && (contentOk || origin is not null))
            {
                CheckLink(entry, origin);
            }
            if (!contentOk)
            {
                if (origin is null)
                {
                    Add(entry.Seq, AuditBreakKind.Edited, $"hash mismatch at seq {entry.Seq}: the entry was changed after it was written");
                }
                else if (origin != entry.Seq - _shift)
                {
                    _moved.Add(entry.Seq);
                    Add(entry.Seq, AuditBreakKind.Reordered, $"the entry written at seq {origin} is at seq {entry.Seq}");
                }
            }
            _previous = entry;
        }

        private void CheckLink(AuditEntry entry, long? origin)
        {
            var previous = _previous!;
            long? linked = entry.PreviousHash == AuditHash.Genesis ? 0
                : seqOfHash.TryGetValue(Prefix(entry.PreviousHash), out var s) ? s : null;
            var movedHere = origin is not null && origin != entry.Seq - _shift;
            if (linked is null)
            {
                Add(entry.Seq, AuditBreakKind.Deleted,
                    $"seq {entry.Seq} links to an entry that is not in the chain: the entry before it was deleted");
                if (origin is not null)
                {
                    _shift = entry.Seq - origin.Value;
                }
            }
            else if (_moved.Contains(previous.Seq) || _moved.Contains(linked.Value))
            {
                // Part of a reordering, reported with the moved entries.
            }
            else if (linked < previous.Seq)
            {
                var first = linked.Value + 1;
                Add(first, AuditBreakKind.Inserted, first == previous.Seq
                    ? $"seq {first} is not part of the chain: seq {entry.Seq} links to seq {linked}"
                    : $"seqs {first} to {previous.Seq} are not part of the chain: seq {entry.Seq} links to seq {linked}");
                _shift += previous.Seq - linked.Value;
            }
            else if (!movedHere)
            {
                _moved.Add(entry.Seq);
                Add(entry.Seq, AuditBreakKind.Reordered, $"seq {entry.Seq} links to seq {linked}, after it");
            }
        }

        /// <summary>The seq at which this entry's fields give its hash, when it is intact but not at its own seq.</summary>
        private long? FindOrigin(AuditEntry entry)
        {
            var candidates = new List<long> { entry.Seq - _shift };
            if (entry.PreviousHash == AuditHash.Genesis)
            {
                candidates.Add(1);
            }
            else if (seqOfHash.TryGetValue(Prefix(entry.PreviousHash), out var linked))
            {
                candidates.Add(linked + 1);
            }
            for (var distance = 1; distance <= 4; distance++)
            {
                candidates.Add(entry.Seq - distance);
                candidates.Add(entry.Seq + distance);
            }
            foreach (var candidate in candidates)
            {
                if (candidate >= 1 && candidate != entry.Seq && entry.ComputeHash(candidate) == entry.Hash)
                {
                    return candidate;
                }
            }
            return null;
        }

        private void Add(long seq, AuditBreakKind kind, string message)
        {
            if (breaks.Count < MaxBreaks)
            {
                breaks.Add(new AuditChainBreak(seq, kind, message));
            }
        }
    }
}
