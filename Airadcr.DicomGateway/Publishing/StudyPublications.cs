using System.Data.Common;
using Airadcr.Dicom;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Pacs;

namespace Airadcr.DicomGateway.Publishing;

/// <summary>
/// Per study, what became of its AI results (<c>study_publications</c>): <c>held</c> (after-review, waiting for the
/// radiologist), <c>released</c> (signed: sent with the signed report, marked reviewed), <c>withheld</c> (rejected:
/// never sent), <c>sent-immediately</c> (policy immediate) or <c>awaiting-results</c> (a decision came before any
/// results). The radiologist's decision (<c>signed</c> or <c>rejected</c>) is taken once: each transition is one
/// write transaction that claims the row only while no decision is recorded, and queues the files for the PACS in
/// the same transaction, so a racing second reviewer finds the decision taken and nothing is queued twice or half.
/// </summary>
public sealed class StudyPublications(GatewayDatabase database, PacsSendQueue pacs, TimeProvider time)
{
    public const string Held = "held";
    public const string Released = "released";
    public const string Withheld = "withheld";
    public const string SentImmediately = "sent-immediately";
    public const string AwaitingResults = "awaiting-results";
    public const string Signed = "signed";
    public const string Rejected = "rejected";

    /// <summary>A study's publication (its UID travels in bodies, never URLs).</summary>
    public sealed record Publication(string StudyInstanceUid, string State, string? Decision, string? DecidedBy, DateTimeOffset? DecidedAt);

    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
    }

    /// <summary>What a sign or reject did: the state now, and for a conflict why (the decision in force).</summary>
    public sealed record DecisionResult(Outcome Outcome, string? State = null, string? Reason = null);

    /// <summary>
    /// An analysis left its results in <paramref name="resultsFolder"/>: queued for the PACS under
    /// <see cref="PublishPolicies.Immediate"/>, held under <see cref="PublishPolicies.AfterReview"/>, kept back when the
    /// study's AI results were already rejected. Returns the state.
    /// </summary>
    public Task<string> RecordResultsAsync(string studyUid, string resultsFolder, string policy, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            // The decision is read by the upsert itself (a rejection racing this analysis is seen, never overwritten).
            string state;
            await using (var upsert = GatewayDatabase.Command(connection, """
                INSERT INTO study_publications (study_uid, state, results_folder, updated_at) VALUES (@study, @state, @folder, @now)
                ON CONFLICT (study_uid) DO UPDATE SET results_folder = excluded.results_folder, updated_at = excluded.updated_at,
                    state = CASE WHEN study_publications.decision = 'rejected' THEN 'withheld' ELSE excluded.state END
                RETURNING state
                """, ("@study", studyUid), ("@state", policy == PublishPolicies.Immediate ? SentImmediately : Held), ("@folder", resultsFolder),
                ("@now", Now())))
            {
                state = (string)(await upsert.ExecuteScalarAsync(cancellationToken))!;
            }
            if (state == SentImmediately)
            {
                await pacs.EnqueueAsync(connection, studyUid,
                    [Path.Combine(resultsFolder, ReviewedResults.AiSr), Path.Combine(resultsFolder, ReviewedResults.AiPdf)], cancellationToken);
            }
            return state;
        }, cancellationToken);

    /// <summary>
    /// The signed report (<paramref name="signedFiles"/>, already durable) goes to the PACS; held AI results go with it,
    /// marked reviewed with the signer of <paramref name="signedSr"/>. Once per study: a second signature, or one after a
    /// rejection, is a conflict and queues nothing.
    /// </summary>
    public Task<DecisionResult> SignAsync(string studyUid, IReadOnlyList<string> signedFiles, DicomDataset signedSr, string actor,
        CancellationToken cancellationToken) =>
        DecideAsync(studyUid, Signed, actor, "CASE WHEN state = 'held' THEN 'released' ELSE state END", "",
            async (connection, claimed, folder) =>
            {
                IReadOnlyList<string> files = claimed == Released && folder is not null ? [.. ReviewedResults.Write(folder, signedSr), .. signedFiles] : signedFiles;
                await pacs.EnqueueAsync(connection, studyUid, files, cancellationToken);
            }, cancellationToken);

    /// <summary>
    /// The radiologist rejects the AI results: held (or not yet made) ones are withheld for good. A conflict when they
    /// were already sent under <see cref="PublishPolicies.Immediate"/> or the study's decision is already taken.
    /// </summary>
    public Task<DecisionResult> RejectAsync(string studyUid, string actor, CancellationToken cancellationToken) =>
        DecideAsync(studyUid, Rejected, actor, "CASE WHEN state IN ('held', 'awaiting-results') THEN 'withheld' ELSE state END",
            "AND state <> 'sent-immediately'", (_, _, _) => Task.CompletedTask, cancellationToken);

    public async Task<Publication?> GetAsync(string studyUid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, studyUid, cancellationToken);
    }

    private Task<DecisionResult> DecideAsync(string studyUid, string decision, string actor, string nextState, string condition,
        Func<DbConnection, string, string?, Task> publish, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            if (!await IsKnownAsync(connection, studyUid, cancellationToken))
            {
                return new DecisionResult(Outcome.NotFound);
            }
            var now = Now();
            await GatewayDatabase.ExecuteAsync(connection, """
                INSERT INTO study_publications (study_uid, state, updated_at) VALUES (@study, 'awaiting-results', @now)
                ON CONFLICT (study_uid) DO NOTHING
                """, cancellationToken, ("@study", studyUid), ("@now", now));
            string? claimed = null, folder = null;
            await using (var update = GatewayDatabase.Command(connection, $"""
                UPDATE study_publications SET decision = @decision, decided_by = @actor, decided_at = @now, state = {nextState}, updated_at = @now
                WHERE study_uid = @study AND decision IS NULL {condition}
                RETURNING state, results_folder
                """, ("@decision", decision), ("@actor", actor), ("@now", now), ("@study", studyUid)))
            await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    claimed = reader.GetString(0);
                    folder = reader.IsDBNull(1) ? null : reader.GetString(1);
                }
            }
            if (claimed is null)
            {
                var current = await ReadAsync(connection, studyUid, cancellationToken);
                return new DecisionResult(Outcome.Conflict, current?.State, ConflictReason(current));
            }
            await publish(connection, claimed, folder);
            return new DecisionResult(Outcome.Done, claimed);
        }, cancellationToken);

    private static string ConflictReason(Publication? current) => current switch
    {
        { Decision: Signed } => "the study's report is already signed: its AI results were decided on",
        { Decision: Rejected } => "the study's AI results are already rejected",
        { State: SentImmediately } => "the AI results were already sent to the PACS (publishing policy immediate): they cannot be withheld",
        _ => "the study's publication changed meanwhile",
    };

    /// <summary>The gateway received the study, or holds results or a decision for it.</summary>
    private static async Task<bool> IsKnownAsync(DbConnection connection, string studyUid, CancellationToken cancellationToken)
    {
        await using var command = GatewayDatabase.Command(connection, """
            SELECT 1 FROM studies WHERE study_uid = @study UNION ALL SELECT 1 FROM study_publications WHERE study_uid = @study
            """, ("@study", studyUid));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<Publication?> ReadAsync(DbConnection connection, string studyUid, CancellationToken cancellationToken)
    {
        await using var command = GatewayDatabase.Command(connection,
            "SELECT state, decision, decided_by, decided_at FROM study_publications WHERE study_uid = @study", ("@study", studyUid));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Publication(studyUid, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    private string Now() => AnalysisJobStore.Stamp(time.GetUtcNow());
}
