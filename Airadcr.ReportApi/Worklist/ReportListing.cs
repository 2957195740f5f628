using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Airadcr.ReportApi.Security;
using Airadcr.ReportApi.Storage;

namespace Airadcr.ReportApi.Worklist;

/// <summary>
/// The worklist listing over the encrypted store. Status and dates are filtered in SQL; modality and free text need
/// the decrypted content, so each row's summary is opened once and kept in memory keyed by its blind index and
/// content MAC (a row whose content changes gets a new MAC and is opened again). Rows that left the store leave
/// the memory at the next query.
/// </summary>
public sealed class ReportListing(ReportDatabase database, ReportSealer sealer, TimeProvider time)
{
    private const int PayloadBatch = 200;
    private const int FullScanThreshold = 1000;
    private readonly ConcurrentDictionary<string, (string Mac, ReportSummary Summary)> summaries = new();

    /// <summary>Summaries opened and kept (live rows seen by the last queries).</summary>
    public int OpenedCount => summaries.Count;

    public async Task<ReportListPage> QueryAsync(ReportListQuery query, CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(query, cancellationToken);
        await OpenMissingAsync(rows, cancellationToken);
        if (query.Status is null && query.From is null && query.To is null)
        {
            ForgetVanished(rows);
        }

        var matching = rows.Select(row => summaries[row.TidIndex].Summary is var summary && summary.Status == row.Status
                ? summary
                : summary with { Status = row.Status })
            .Where(new ReportFilter(query).Matches);
        var sorted = ReportOrder.Apply(matching, query.Sort, query.Descending).ToList();
        var limit = Math.Clamp(query.Limit, 1, ReportListQuery.MaxLimit);
        var page = sorted.Skip(Math.Max(0, query.Offset)).Take(limit).ToList();
        return new ReportListPage(true, sorted.Count, Version(rows), page);
    }

    private static string Version(IReadOnlyList<Row> rows) =>
        rows.Count.ToString(CultureInfo.InvariantCulture) + "-" +
        (rows.Count == 0 ? "0" : rows.Max(row => row.CreatedAt).ToString(CultureInfo.InvariantCulture)) + "-" +
        rows.Count(row => row.Status == "pending").ToString(CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<Row>> ReadRowsAsync(ReportListQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var sql = new StringBuilder("SELECT tid_index, content_mac, status, created_at FROM pending_reports WHERE expires_at > @now");
        await using var command = connection.CreateCommand(string.Empty).With("@now", time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!string.IsNullOrEmpty(query.Status))
        {
            sql.Append(" AND status = @status");
            command.With("@status", query.Status);
        }
        if (query.From is { } from)
        {
            sql.Append(" AND created_at >= @from");
            command.With("@from", from.ToUnixTimeMilliseconds());
        }
        if (query.To is { } to)
        {
            sql.Append(" AND created_at < @to");
            command.With("@to", to.ToUnixTimeMilliseconds());
        }
        command.CommandText = sql.ToString();
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return rows;
    }

    private async Task OpenMissingAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var missing = rows.Where(row => !summaries.TryGetValue(row.TidIndex, out var known) || known.Mac != row.Mac)
            .Select(row => row.TidIndex).ToHashSet(StringComparer.Ordinal);
        if (missing.Count > FullScanThreshold)
        {
            // Many to open (first query after a start): one pass over the table beats thousands of lookups.
            await OpenAsync("expires_at > @now", missing, command => command.With("@now", time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
            return;
        }
        foreach (var batch in missing.Chunk(PayloadBatch))
        {
            var names = batch.Select((_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            await OpenAsync($"tid_index IN ({string.Join(", ", names)})", missing, command =>
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    command.With(names[i], batch[i]);
                }
            }, cancellationToken);
        }
    }

    /// <summary>Opens the summaries of the rows matching <paramref name="where"/> that are in <paramref name="wanted"/>.</summary>
    private async Task OpenAsync(string where, HashSet<string> wanted, Action<System.Data.Common.DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT tid_index, patient_index, accession_index, exam_index, payload, content_mac, status, created_at, expires_at FROM pending_reports WHERE {where}");
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!wanted.Contains(reader.GetString(0)))
            {
                continue;
            }
            var sealedReport = new SealedReport(reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2),
                reader.GetNullableString(3), (byte[])reader.GetValue(4), reader.GetString(5), reader.GetString(6),
                reader.GetInt64(7), reader.GetInt64(8));
            summaries[sealedReport.TidIndex] = (sealedReport.ContentMac, Summarize(sealedReport));
        }
    }

    private ReportSummary Summarize(SealedReport sealedReport)
    {
        var report = sealer.Open(sealedReport);
        var content = report.Content;
        var title = content.Structured.ValueKind == JsonValueKind.Object
            && content.Structured.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
        return new ReportSummary(content.TechnicalId, content.PatientId, content.AccessionNumber, content.ExamUid,
            content.StudyInstanceUid, content.Modality, title, content.SourceType, content.AiModules, sealedReport.Status,
            report.CreatedAt, report.ExpiresAt);
    }

    /// <summary>Drops the summaries of rows gone from the store (called only when every live row was read).</summary>
    private void ForgetVanished(IReadOnlyList<Row> rows)
    {
        if (summaries.Count <= rows.Count)
        {
            return;
        }
        var present = rows.Select(row => row.TidIndex).ToHashSet(StringComparer.Ordinal);
        foreach (var key in summaries.Keys.Where(key => !present.Contains(key)))
        {
            summaries.TryRemove(key, out _);
        }
    }

    private sealed record Row(string TidIndex, string Mac, string Status, long CreatedAt);
}
