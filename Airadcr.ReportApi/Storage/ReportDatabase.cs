using System.Data.Common;

namespace Airadcr.ReportApi.Storage;

/// <summary>
/// One database engine behind the SQL stores: how to open a connection and how its schema is spelled. The stores'
/// SQL is the common subset of SQLite and PostgreSQL (named parameters, ON CONFLICT, RETURNING).
/// </summary>
public abstract class ReportDatabase
{
    /// <summary>Engine name for logs ("sqlite", "postgresql").</summary>
    public abstract string Engine { get; }

    /// <summary>Column type for binary payloads.</summary>
    public abstract string BinaryType { get; }

    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>A connection for one write statement; engines with a single writer serialize here.</summary>
    public virtual ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) => OpenConnectionAsync(cancellationToken);

    /// <summary>Statement run inside the migration transaction to keep concurrent migrators apart.</summary>
    public virtual string? MigrationLockStatement => null;
}
