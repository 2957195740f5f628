using System.Diagnostics;
using Airadcr.Dicom.Network;
using Airadcr.DicomGateway.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Archives;

/// <summary>
/// A study search across every enabled archive at once (<see cref="ArchiveStudyFinder"/>), each within its own timeout:
/// an archive that fails, aborts or does not finish in time is reported as such with what it gave so far (marked
/// partial), and never holds up the others. Results are merged by Study Instance UID (<see cref="StudyMerge"/>) and paged.
/// </summary>
public sealed partial class FederatedSearch(ArchiveRegistry registry, ArchiveStudyFinder finder, IOptions<GatewayOptions> options,
    TimeProvider time, ILogger<FederatedSearch> logger)
{
    /// <summary>How long past its timeout an archive's search may take to wind down before it is left behind.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    public async Task<FederatedSearchResult> SearchAsync(StudyQuery query, CancellationToken cancellationToken)
    {
        var archives = StudyMerge.InPreferenceOrder(await registry.ListEnabledAsync(cancellationToken));
        var settings = options.Value.Archives;
        var timeout = TimeSpan.FromMilliseconds(query.TimeoutMs ?? settings.SearchTimeoutSeconds * 1000);
        var answers = await Task.WhenAll(archives.Select(archive => SearchOneAsync(archive, query, timeout, settings.MaxResultsPerArchive, cancellationToken)));
        var merged = StudyMerge.Merge(answers);
        return new FederatedSearchResult([.. merged.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], merged.Count, query.Page,
            query.PageSize, [.. answers.Select(answer => answer.Outcome)]);
    }

    private async Task<ArchiveAnswer> SearchOneAsync(ArchiveDefinition archive, StudyQuery query, TimeSpan timeout, int cap,
        CancellationToken cancellationToken)
    {
        await Task.Yield(); // every archive's search starts before any of them runs its first step
        var started = time.GetTimestamp();
        var matches = new ArchiveMatches(cap);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        string status = ArchiveSearchStatus.Ok;
        string? reason = null;
        var search = finder.FindAsync(archive, query, matches, timeout, linked.Token);
        try
        {
            await search.WaitAsync(timeout + Grace, time, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && (deadline.IsCancellationRequested || error is TimeoutException))
        {
            _ = search.ContinueWith(left => left.Exception, TaskScheduler.Default); // a search left behind winds down unobserved
            (status, reason) = (ArchiveSearchStatus.Timeout, $"no complete answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            (status, reason) = (ArchiveSearchStatus.Failed, Reason(error));
        }
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var studies = matches.Snapshot();
        var partial = status != ArchiveSearchStatus.Ok || matches.Truncated;
        if (matches.Truncated && status == ArchiveSearchStatus.Ok)
        {
            reason = $"more than {cap} matches: the first {cap} kept";
        }
        LogOutcome(logger, archive.Name, status, elapsed, studies.Count);
        return new ArchiveAnswer(archive, studies,
            new ArchiveSearchOutcome(archive.Id, archive.Name, archive.Role, status, reason, elapsed, studies.Count, partial, ArchiveStudyFinder.Via(archive)));
    }

    /// <summary>Why an archive's search failed, in words that name no patient (exception messages of the DICOM and HTTP layers).</summary>
    internal static string Reason(Exception error) => error switch
    {
        DicomAssociationRejectedException => "association rejected: " + error.Message,
        DicomAssociationAbortedException => "association aborted by the archive",
        DicomAssociationException => error.Message,
        Airadcr.Dicom.Network.Dimse.DimseStatusException => "C-FIND failed: " + error.Message,
        ArchiveAnswerException => error.Message,
        HttpRequestException http => "DICOMweb unreachable: " + (http.HttpRequestError.ToString()),
        _ => "malformed answer: " + error.GetType().Name,
    };

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Federated search: archive {Archive} {Status} in {ElapsedMs} ms, {Count} matches")]
    private static partial void LogOutcome(ILogger logger, string archive, string status, long elapsedMs, int count);
}

/// <summary>What one archive answered to a federated search.</summary>
public sealed record ArchiveAnswer(ArchiveDefinition Archive, IReadOnlyList<ArchiveStudy> Studies, ArchiveSearchOutcome Outcome);
