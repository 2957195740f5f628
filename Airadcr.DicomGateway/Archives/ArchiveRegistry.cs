using System.Data.Common;
using System.Globalization;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.Archives;

/// <summary>
/// The archives the gateway knows (<c>archives</c> table of <c>gatewaydb</c>, both engines, <see cref="GatewaySchema"/>
/// version 5). Credentials are stored sealed (<see cref="ArchiveCredentialSealer"/>) and read only through
/// <see cref="GetCredentialsAsync"/>. Names are unique (a second archive of the same name is refused with
/// <see cref="ArchiveNameTakenException"/>).
/// </summary>
public sealed class ArchiveRegistry(GatewayDatabase database, ArchiveCredentialSealer sealer, TimeProvider time)
{
    private const string Columns = "archive_id, name, ae_title, host, port, dicomweb_base_url, role, enabled, credentials_sealed IS NOT NULL";

    private string Now => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Every archive, by name.</summary>
    public Task<IReadOnlyList<ArchiveDefinition>> ListAsync(CancellationToken cancellationToken) =>
        ReadAsync("", [], cancellationToken);

    /// <summary>The archives searches include, by name.</summary>
    public Task<IReadOnlyList<ArchiveDefinition>> ListEnabledAsync(CancellationToken cancellationToken) =>
        ReadAsync(" WHERE enabled = 1", [], cancellationToken);

    public async Task<ArchiveDefinition?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await ReadAsync(" WHERE archive_id = @id", [("@id", id)], cancellationToken)).SingleOrDefault();

    public async Task<ArchiveDefinition?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        (await ReadAsync(" WHERE name = @name", [("@name", name)], cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Adds an archive (a new id when <see cref="ArchiveDefinition.Id"/> is empty), with its credentials sealed when
    /// given; returns it as stored.
    /// </summary>
    public async Task<ArchiveDefinition> AddAsync(ArchiveDefinition archive, ArchiveCredentials? credentials, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrEmpty(archive.Id) ? ArchiveDefinition.NewId() : archive.Id;
        var sealedCredentials = credentials is null ? null : sealer.Seal(id, credentials);
        await WriteAsync(async connection =>
        {
            await GatewayDatabase.ExecuteAsync(connection, """
                INSERT INTO archives (archive_id, name, ae_title, host, port, dicomweb_base_url, role, enabled, credentials_sealed, created_at, updated_at)
                VALUES (@id, @name, @ae, @host, @port, @url, @role, @enabled, @credentials, @now, @now)
                """, cancellationToken, [("@id", id), .. Values(archive), ("@credentials", sealedCredentials), ("@now", Now)]);
            return 0;
        }, archive.Name, cancellationToken);
        return archive with { Id = id, HasCredentials = credentials is not null };
    }

    /// <summary>Replaces an archive's address, role and enabled flag (its credentials stay); false when there is no such archive.</summary>
    public Task<bool> UpdateAsync(ArchiveDefinition archive, CancellationToken cancellationToken) =>
        WriteAsync(async connection => await GatewayDatabase.ExecuteAsync(connection, """
            UPDATE archives SET name = @name, ae_title = @ae, host = @host, port = @port, dicomweb_base_url = @url, role = @role,
                enabled = @enabled, updated_at = @now
            WHERE archive_id = @id
            """, cancellationToken, [("@id", archive.Id), .. Values(archive), ("@now", Now)]) == 1, archive.Name, cancellationToken);

    /// <summary>Stores (or, with null, removes) an archive's credentials; false when there is no such archive.</summary>
    public Task<bool> SetCredentialsAsync(string id, ArchiveCredentials? credentials, CancellationToken cancellationToken)
    {
        var sealedCredentials = credentials is null ? null : sealer.Seal(id, credentials);
        return database.InWriteTransactionAsync(async connection => await GatewayDatabase.ExecuteAsync(connection,
            "UPDATE archives SET credentials_sealed = @credentials, updated_at = @now WHERE archive_id = @id", cancellationToken,
            ("@credentials", sealedCredentials), ("@now", Now), ("@id", id)) == 1, cancellationToken);
    }

    /// <summary>An archive's credentials, opened; null when it has none (or does not exist).</summary>
    public async Task<ArchiveCredentials?> GetCredentialsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, "SELECT credentials_sealed FROM archives WHERE archive_id = @id", ("@id", id));
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] sealedBytes ? sealer.Open(id, sealedBytes) : null;
    }

    public Task<bool> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection => await GatewayDatabase.ExecuteAsync(connection,
            "UPDATE archives SET enabled = @enabled, updated_at = @now WHERE archive_id = @id", cancellationToken,
            ("@enabled", enabled ? 1 : 0), ("@now", Now), ("@id", id)) == 1, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection => await GatewayDatabase.ExecuteAsync(connection,
            "DELETE FROM archives WHERE archive_id = @id", cancellationToken, ("@id", id)) == 1, cancellationToken);

    private static (string, object?)[] Values(ArchiveDefinition archive) =>
    [
        ("@name", archive.Name), ("@ae", archive.AeTitle), ("@host", archive.Host), ("@port", archive.Port),
        ("@url", archive.DicomWebBaseUrl), ("@role", RoleText(archive.Role)), ("@enabled", archive.Enabled ? 1 : 0),
    ];

    internal static string RoleText(ArchiveRole role) => role.ToString().ToLowerInvariant();

    private async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> work, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await database.InWriteTransactionAsync(work, cancellationToken);
        }
        catch (DbException error) when (IsUniqueViolation(error))
        {
            throw new ArchiveNameTakenException(name, error);
        }
    }

    // SQLite: SQLITE_CONSTRAINT (19); PostgreSQL: unique_violation (23505).
    private static bool IsUniqueViolation(DbException error) =>
        error.SqlState == "23505" || error is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    private async Task<IReadOnlyList<ArchiveDefinition>> ReadAsync(string filter, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, $"SELECT {Columns} FROM archives{filter} ORDER BY name", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var archives = new List<ArchiveDefinition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            archives.Add(new ArchiveDefinition(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                InstanceIndex.Int32(reader, 4), reader.IsDBNull(5) ? null : reader.GetString(5),
                Enum.Parse<ArchiveRole>(reader.GetString(6), ignoreCase: true), InstanceIndex.Int32(reader, 7) != 0,
                Convert.ToBoolean(reader.GetValue(8), CultureInfo.InvariantCulture)));
        }
        return archives;
    }
}

/// <summary>Another archive already has this name.</summary>
public sealed class ArchiveNameTakenException(string name, Exception inner)
    : InvalidOperationException($"An archive named '{name}' already exists.", inner);
