using System.Data.Common;
using Npgsql;

namespace Airadcr.ReportApi.Storage;

/// <summary>The server-mode database: PostgreSQL through an Npgsql data source (ConnectionStrings:reportsdb).</summary>
public sealed class PostgresReportDatabase(NpgsqlDataSource dataSource) : ReportDatabase
{
    public override string Engine => "postgresql";

    public override string BinaryType => "BYTEA";

    public override string? MigrationLockStatement => "LOCK TABLE schema_migrations IN EXCLUSIVE MODE";

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);
}
