using System.Data.Common;
using Airadcr.ReportApi.Domain;

namespace Airadcr.ReportApi.Storage;

/// <summary>API keys in SQL common to SQLite and PostgreSQL.</summary>
public sealed class SqlApiKeyStore(ReportDatabase database) : IApiKeyStore
{
    private const string Columns = "id, name, key_prefix, key_hash, is_active, created_at, last_used_at";

    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            INSERT INTO api_keys ({Columns}, revoked_at)
            VALUES (@id, @name, @prefix, @hash, @active, @created, NULL, NULL)
            """)
            .With("@id", key.Id)
            .With("@name", key.Name)
            .With("@prefix", key.Prefix)
            .With("@hash", key.KeyHash)
            .With("@active", key.IsActive ? 1 : 0)
            .With("@created", key.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKey>> FindActiveByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {Columns} FROM api_keys WHERE key_prefix = @prefix AND is_active = 1")
            .With("@prefix", prefix);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<bool> ExistsWithHashAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT COUNT(*) FROM api_keys WHERE key_hash = @hash")
            .With("@hash", keyHash);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM api_keys ORDER BY created_at, id");
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<bool> RevokeAsync(string id, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "UPDATE api_keys SET is_active = 0, revoked_at = @now WHERE id = @id AND is_active = 1")
            .With("@now", nowMs)
            .With("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task TouchAsync(string id, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var command = connection.CreateCommand("UPDATE api_keys SET last_used_at = @now WHERE id = @id")
            .With("@now", nowMs)
            .With("@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<ApiKey>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var lastUsed = reader.GetNullableInt64(6);
            keys.Add(new ApiKey(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4) == 1,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                lastUsed is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null));
        }

        return keys;
    }
}
