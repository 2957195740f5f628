using Airadcr.Dicom;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// Copies one series's pending instances from a source to a destination, and says which ones the destination
/// confirmed. <see cref="TransferMethod.Move"/>: C-MOVE of the series from the source to the destination's AE title,
/// then a C-FIND of the destination for the series: only instances it lists count as copied. Relay: C-MOVE of the
/// series to the gateway's <see cref="RelayListener"/> and, as each instance arrives, its C-STORE to the destination:
/// only a success (or warning) status counts. A C-MOVE runs under <see cref="SyncOptions.MoveTimeoutSeconds"/> (an
/// archive answering pending forever is abandoned); whatever fails leaves its instances failed with the reason.
/// </summary>
public sealed class SyncTransfer(SyncOptions options, string callingAe, TimeProvider time)
{
    private static readonly IReadOnlyList<PresentationContextProposal> RetrieveContexts = new PresentationContexts.Builder()
        .Add(DicomUids.StudyRootQueryRetrieveInformationModelMove, PresentationContexts.Uncompressed)
        .Add(DicomUids.StudyRootQueryRetrieveInformationModelFind, PresentationContexts.Uncompressed)
        .Build();

    /// <summary>The outcome of one series: confirmed instances, and the reason for the others.</summary>
    public sealed record Outcome(IReadOnlySet<string> Copied, IReadOnlyDictionary<string, string> Failed);

    public async Task<Outcome> MoveAsync(SyncArchive source, SyncArchive destination, IReadOnlyList<SyncItem> series, CancellationToken cancellationToken)
    {
        var moveFailure = await RetrieveAsync(source, series[0], destination.AeTitle, cancellationToken);
        IReadOnlySet<string> present;
        try
        {
            present = await PresentAsync(destination, series[0], cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return AllFailed(series, (moveFailure is null ? "" : moveFailure + "; ") + "destination not confirmed: " + ArchiveQuery.Reason(error));
        }
        var copied = series.Where(i => present.Contains(i.SopInstanceUid)).Select(i => i.SopInstanceUid).ToHashSet(StringComparer.Ordinal);
        return new Outcome(copied, series.Where(i => !copied.Contains(i.SopInstanceUid))
            .ToDictionary(i => i.SopInstanceUid, _ => "not on the destination after C-MOVE" + (moveFailure is null ? "" : ": " + moveFailure)));
    }

    public async Task<Outcome> RelayAsync(SyncArchive source, SyncArchive destination, RelayListener relay, IReadOnlyList<SyncItem> series,
        CancellationToken cancellationToken)
    {
        // The two hops overlap: each instance is stored to the destination as soon as the relay has it whole.
        var move = RetrieveAsync(source, series[0], options.RelayAeTitle, cancellationToken);
        var waiting = series.ToDictionary(i => i.SopInstanceUid, StringComparer.Ordinal);
        var copied = new HashSet<string>(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var store = new RelayStore(destination, ArchiveQuery.ClientOptions(destination, options, callingAe, time));
        while (true)
        {
            var moved = move.IsCompleted;
            var arrived = relay.ReceivedFiles().ToList();
            foreach (var path in arrived)
            {
                var sop = Path.GetFileNameWithoutExtension(path);
                if (waiting.Remove(sop))
                {
                    if (await store.StoreAsync(path, cancellationToken) is { } refusal)
                    {
                        failed[sop] = refusal;
                    }
                    else
                    {
                        copied.Add(sop);
                    }
                }
                File.Delete(path);
            }
            if (moved)
            {
                break;
            }
            if (arrived.Count == 0)
            {
                await Task.WhenAny(move, Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken));
            }
        }
        var moveFailure = await move;
        foreach (var sop in waiting.Keys)
        {
            failed[sop] = "not retrieved from the source" + (moveFailure is null ? "" : ": " + moveFailure);
        }
        await store.ReleaseAsync(cancellationToken);
        return new Outcome(copied, failed);
    }

    /// <summary>
    /// C-STOREs to the destination over one association, opened at the first file and again (with the contexts of
    /// every SOP class and transfer syntax seen) when a file needs a context it lacks; a failure is the file's reason.
    /// </summary>
    private sealed class RelayStore(SyncArchive destination, DicomClientOptions clientOptions) : IAsyncDisposable
    {
        private readonly HashSet<(string SopClassUid, string TransferSyntaxUid)> _kinds = [];
        private DicomClientAssociation? _association;

        /// <summary>Null when the destination took the instance (success or warning), else why not.</summary>
        public async Task<string?> StoreAsync(string path, CancellationToken cancellationToken)
        {
            try
            {
                var kinds = (await DicomClient.StorageContextsForAsync([path], cancellationToken))
                    .SelectMany(p => p.TransferSyntaxes.Select(ts => (p.AbstractSyntax, ts)));
                if (kinds.Count(_kinds.Add) > 0 || _association is null)
                {
                    await ReleaseAsync(cancellationToken);
                    _association = await DicomClient.ConnectAsync(clientOptions, PresentationContexts.ForStorage(_kinds), cancellationToken);
                }
                var response = await _association.StoreAsync(path, cancellationToken);
                return DicomStatus.IsSuccess(response.Status) || DicomStatus.IsWarning(response.Status) ? null
                    : $"destination refused the C-STORE: status 0x{response.Status:X4}" + (response.ErrorComment is { Length: > 0 } comment ? " " + comment : "");
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await DisposeAsync();
                return $"C-STORE to {destination.Id} failed: " + ArchiveQuery.Reason(error);
            }
        }

        public async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            if (_association is { } association)
            {
                _association = null;
                try
                {
                    await association.ReleaseAsync(cancellationToken);
                }
                finally
                {
                    await association.DisposeAsync();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_association is { } association)
            {
                _association = null;
                await association.DisposeAsync();
            }
        }
    }

    /// <summary>C-MOVE of the item's series to <paramref name="destinationAe"/>; null when the source reported success, else why not.</summary>
    private async Task<string?> RetrieveAsync(SyncArchive source, SyncItem series, string destinationAe, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.MoveTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await using var association = await DicomClient.ConnectAsync(ArchiveQuery.ClientOptions(source, options, callingAe, time) with
            {
                ResponseTimeout = TimeSpan.FromSeconds(options.MoveTimeoutSeconds),
            }, RetrieveContexts, linked.Token);
            var query = new DicomDataset().Add(DicomTag.QueryRetrieveLevel, "SERIES")
                .Add(DicomTag.StudyInstanceUID, series.StudyInstanceUid).Add(DicomTag.SeriesInstanceUID, series.SeriesInstanceUid);
            var final = await association.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, query, destinationAe, linked.Token);
            await association.ReleaseAsync(linked.Token);
            return DicomStatus.IsSuccess(final.Status) ? null
                : $"C-MOVE status 0x{final.Status:X4}" + (final.ErrorComment is { Length: > 0 } comment ? " " + comment : "");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"C-MOVE not finished within {options.MoveTimeoutSeconds} s";
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return "C-MOVE failed: " + ArchiveQuery.Reason(error);
        }
    }

    /// <summary>The SOP Instance UIDs the destination lists for the item's series (C-FIND at IMAGE level).</summary>
    private async Task<IReadOnlySet<string>> PresentAsync(SyncArchive destination, SyncItem series, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.QueryTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        await using var association = await DicomClient.ConnectAsync(ArchiveQuery.ClientOptions(destination, options, callingAe, time), RetrieveContexts, linked.Token);
        var query = new DicomDataset().Add(DicomTag.QueryRetrieveLevel, "IMAGE").Add(DicomTag.StudyInstanceUID, series.StudyInstanceUid)
            .Add(DicomTag.SeriesInstanceUID, series.SeriesInstanceUid).Add(DicomTag.SOPInstanceUID, "");
        var present = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var answer in association.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, query, linked.Token))
        {
            if (present.Count >= options.MaxQueryResults)
            {
                throw new InvalidOperationException($"more than {options.MaxQueryResults} C-FIND answers");
            }
            present.Add((answer.GetStringOrDefault(DicomTag.SOPInstanceUID) ?? "").Trim('\0', ' '));
        }
        await association.ReleaseAsync(linked.Token);
        return present;
    }

    private static Outcome AllFailed(IReadOnlyList<SyncItem> series, string reason) =>
        new(new HashSet<string>(), series.ToDictionary(i => i.SopInstanceUid, _ => reason));
}
