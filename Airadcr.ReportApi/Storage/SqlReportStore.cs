using System.Data.Common;
using System.Text;

namespace Airadcr.ReportApi.Storage;

/// <summary>The report store in SQL common to SQLite and PostgreSQL.</summary>
public sealed class SqlReportStore(ReportDatabase database) : IReportStore
{
    private const string Columns =
        "tid_index, patient_index, accession_index, exam_index, payload, content_mac, status, created_at, expires_at, review";

    public async Task<InsertResult> InsertAsync(SealedReport report, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            INSERT INTO pending_reports ({Columns}, retrieved_at)
            VALUES (@tid, @patient, @accession, @exam, @payload, @mac, @status, @created, @expires, NULL, NULL)
            ON CONFLICT (tid_index) DO UPDATE SET
                patient_index = excluded.patient_index, accession_index = excluded.accession_index,
                exam_index = excluded.exam_index, payload = excluded.payload, content_mac = excluded.content_mac,
                status = excluded.status, created_at = excluded.created_at, expires_at = excluded.expires_at,
                retrieved_at = NULL, review = NULL
            WHERE pending_reports.expires_at <= @now
            RETURNING tid_index
            """)
            .With("@tid", report.TidIndex)
            .With("@patient", report.PatientIndex)
            .With("@accession", report.AccessionIndex)
            .With("@exam", report.ExamIndex)
            .With("@payload", report.Payload)
            .With("@mac", report.ContentMac)
            .With("@status", report.Status)
            .With("@created", report.CreatedAt)
            .With("@expires", report.ExpiresAt)
            .With("@now", nowMs);
        var returned = await command.ExecuteScalarAsync(cancellationToken);
        return returned is null or DBNull ? InsertResult.AlreadyExists : InsertResult.Inserted;
    }

    public async Task<SealedReport?> GetAsync(string tidIndex, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM pending_reports WHERE tid_index = @tid")
            .With("@tid", tidIndex);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<SealedReport?> RetrieveAsync(string tidIndex, long nowMs, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenWriterAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand($"""
                UPDATE pending_reports SET status = 'retrieved', retrieved_at = @now
                WHERE tid_index = @tid AND status = 'pending' AND expires_at > @now
                RETURNING {Columns}
                """)
                .With("@now", nowMs)
                .With("@tid", tidIndex);
            if (await ReadSingleAsync(command, cancellationToken) is { } retrieved)
            {
                return retrieved;
            }
        }

        return await GetAsync(tidIndex, cancellationToken); // not pending: read outside the writer
    }

    public async Task<bool> SetReviewAsync(string tidIndex, byte[] review, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                "UPDATE pending_reports SET review = @review WHERE tid_index = @tid AND review IS NULL")
            .With("@review", review)
            .With("@tid", tidIndex);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> DeleteAsync(string tidIndex, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM pending_reports WHERE tid_index = @tid")
            .With("@tid", tidIndex);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<SealedReport?> FindLatestAsync(SealedCriteria criteria, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var sql = new StringBuilder($"SELECT {Columns} FROM pending_reports WHERE expires_at > @now");
        await using var command = connection.CreateCommand(string.Empty).With("@now", nowMs);
        AddCriterion(sql, command, "patient_index", criteria.PatientIndex);
        AddCriterion(sql, command, "accession_index", criteria.AccessionIndex);
        AddCriterion(sql, command, "exam_index", criteria.ExamIndex);
        sql.Append(" ORDER BY created_at DESC LIMIT 1");
        command.CommandText = sql.ToString();
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<int> PurgeExpiredAsync(long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM pending_reports WHERE expires_at <= @now")
            .With("@now", nowMs);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddCriterion(StringBuilder sql, DbCommand command, string column, string? index)
    {
        if (index is null)
        {
            return;
        }

        sql.Append($" AND {column} = @{column}");
        command.With("@" + column, index);
    }

    private static async Task<SealedReport?> ReadSingleAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SealedReport(
            reader.GetString(0),
            reader.GetNullableString(1),
            reader.GetNullableString(2),
            reader.GetNullableString(3),
            (byte[])reader.GetValue(4),
            reader.GetString(5),
            reader.GetString(6),
            reader.GetInt64(7),
            reader.GetInt64(8),
            reader.IsDBNull(9) ? null : (byte[])reader.GetValue(9));
    }
}
