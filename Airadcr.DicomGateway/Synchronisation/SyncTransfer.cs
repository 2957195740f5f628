using Airadcr.Dicom;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// Copies one series's pending instances from a source to a destination, and says which ones the destination
/// confirmed. <see cref="TransferMethod.Move"/>: C-MOVE of the series from the source to the destination's AE title,
/// then a C-FIND of the destination for the series: only instances it lists count as copied. Relay: C-MOVE of the
/// series to the gateway's <see cref="RelayListener"/>, then C-STORE of each pending instance to the destination:
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
        var moveFailure = await RetrieveAsync(source, series[0], options.RelayAeTitle, cancellationToken);
        var received = series.Select(i => (Item: i, Path: relay.Received(i.SopInstanceUid))).ToList();
        var failed = received.Where(r => r.Path is null)
            .ToDictionary(r => r.Item.SopInstanceUid, _ => "not retrieved from the source" + (moveFailure is null ? "" : ": " + moveFailure));
        var copied = new HashSet<string>(StringComparer.Ordinal);
        var toStore = received.Where(r => r.Path is not null).ToList();
        if (toStore.Count == 0)
        {
            return new Outcome(copied, failed);
        }
        var settled = 0;
        try
        {
            var contexts = await DicomClient.StorageContextsForAsync(toStore.Select(r => r.Path!), cancellationToken);
            await using var association = await DicomClient.ConnectAsync(ArchiveQuery.ClientOptions(destination, options, callingAe, time), contexts, cancellationToken);
            foreach (var (item, path) in toStore)
            {
                var response = await association.StoreAsync(path!, cancellationToken);
                if (DicomStatus.IsSuccess(response.Status) || DicomStatus.IsWarning(response.Status))
                {
                    copied.Add(item.SopInstanceUid);
                }
                else
                {
                    failed[item.SopInstanceUid] = $"destination refused the C-STORE: status 0x{response.Status:X4}"
                        + (response.ErrorComment is { Length: > 0 } comment ? " " + comment : "");
                }
                settled++;
                File.Delete(path!);
            }
            await association.ReleaseAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var (item, _) in toStore.Skip(settled))
            {
                failed[item.SopInstanceUid] = "C-STORE to the destination failed: " + ArchiveQuery.Reason(error);
            }
        }
        return new Outcome(copied, failed);
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
