using System.Data.Common;
using Airadcr.Audit;
using Airadcr.Audit.Storage;
using Airadcr.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Airadcr.Web.Audit;

/// <summary>
/// Moves the entries of the mutable <c>AuditEntries</c> table (before the hash chain) into the chain, oldest first, as
/// <see cref="AuditActions.ImportedEntry"/> entries keeping their action, target and original time in the detail, then
/// drops the table. Their content is only as trustworthy as that table was; from then on nothing can change them.
/// </summary>
public static class LegacyAuditImport
{
    private const string Table = "AuditEntries";

    public static async Task<int> RunAsync(WebDbContext db, IAuditStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var exists = db.Database.IsNpgsql()
                ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{Table}' AND table_schema = current_schema()"
                : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{Table}'";
            if (Convert.ToInt64(await ScalarAsync(connection, exists, cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return 0;
            }
            var events = new List<AuditEvent>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT \"At\", \"Actor\", \"Action\", \"Target\", \"Detail\" FROM \"{Table}\" ORDER BY \"Id\"";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var at = new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero);
                    var detail = reader.IsDBNull(4) ? "" : " " + reader.GetString(4);
                    events.Add(new AuditEvent(reader.GetString(1), AuditActions.ImportedEntry, reader.IsDBNull(3) ? null : reader.GetString(3),
                        $"{reader.GetString(2)} at {at:O}{detail}"));
                }
            }
            foreach (var batch in events.Chunk(500))
            {
                await store.AppendAsync("web", batch, time.GetUtcNow(), cancellationToken);
            }
            await ScalarAsync(connection, $"DROP TABLE \"{Table}\"", cancellationToken);
            return events.Count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
