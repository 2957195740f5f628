using System.Collections.Concurrent;
using Airadcr.Audit;
using Airadcr.Dicom.Network.Server;

namespace Airadcr.DicomGateway.Auditing;

/// <summary>
/// DICOM associations in the gateway's audit chain, by calling AE: accepted (with the peer's address), rejected (why),
/// and, when one ends, one <c>store</c> entry per study it brought (the study's keyed hash and how many instances were
/// acknowledged) and an <c>association-ended</c> summary. The C-STORE path only counts in memory (<see cref="Stored"/>):
/// no acknowledgement waits for the audit, and entries are queued, appended in batches off the hot path.
/// </summary>
public sealed class AssociationAudit(AuditTrail trail, AuditSubjects subjects)
{
    private readonly ConcurrentDictionary<long, Tally> _open = new();

    public void Accepted(AssociationInfo association)
    {
        _open[association.Id] = new Tally();
        trail.Record(new AuditEvent(Actor(association.CallingAe), "association-accepted", null,
            $"#{association.Id} to {association.CalledAe} from {Address(association.RemoteEndPoint)}"));
    }

    public void Rejected(AssociationRequestInfo request, string reason) =>
        trail.Record(new AuditEvent(Actor(request.CallingAe), "association-rejected", null,
            $"{reason} (to {request.CalledAe} from {Address(request.RemoteEndPoint)})"));

    /// <summary>An instance acknowledged with success on association <paramref name="associationId"/>.</summary>
    public void Stored(long associationId, string studyInstanceUid)
    {
        if (_open.TryGetValue(associationId, out var tally))
        {
            tally.Add(studyInstanceUid);
        }
    }

    /// <summary>An instance refused (a failure status) on association <paramref name="associationId"/>.</summary>
    public void Refused(long associationId)
    {
        if (_open.TryGetValue(associationId, out var tally))
        {
            tally.Refuse();
        }
    }

    public void Ended(AssociationInfo association, AssociationEnd end)
    {
        if (!_open.TryRemove(association.Id, out var tally))
        {
            return;
        }
        var (studies, refused) = tally.Snapshot();
        foreach (var (study, count) in studies)
        {
            trail.Record(new AuditEvent(Actor(association.CallingAe), "store", subjects.Study(study), $"{count} instances (#{association.Id})"));
        }
        trail.Record(new AuditEvent(Actor(association.CallingAe), "association-ended", null,
            $"#{association.Id} {(end == AssociationEnd.Released ? "released" : "aborted")}: {studies.Sum(s => s.Count)} instances stored, "
            + $"{studies.Count} studies, {refused} refused"));
    }

    internal static string Actor(string callingAe) => "ae:" + callingAe.Trim();

    private static string Address(System.Net.EndPoint? endPoint) =>
        endPoint is System.Net.IPEndPoint ip ? ip.Address.ToString() : "unknown";

    private sealed class Tally
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, int> _studies = new(StringComparer.Ordinal);
        private int _refused;

        public void Add(string study)
        {
            lock (_gate)
            {
                _studies[study] = _studies.GetValueOrDefault(study) + 1;
            }
        }

        public void Refuse()
        {
            lock (_gate)
            {
                _refused++;
            }
        }

        public (List<(string Study, int Count)> Studies, int Refused) Snapshot()
        {
            lock (_gate)
            {
                return (_studies.Select(s => (s.Key, s.Value)).ToList(), _refused);
            }
        }
    }
}
