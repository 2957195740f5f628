using Airadcr.Audit.Checkpoints;
using Airadcr.Audit.Storage;
using Airadcr.Audit.Verification;

namespace Airadcr.Audit.Tests;

/// <summary>
/// The chain's guarantees, the same on every engine: what is appended verifies, and each way of tampering with the
/// database directly (edit, delete, insert, reorder, truncate, rewrite, forged checkpoint) is found and named at its seq.
/// </summary>
public abstract class AuditChainContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly string _exportDirectory = Directory.CreateTempSubdirectory("airadcr-audit-export-").FullName;
    private readonly AuditSigningKey _key = AuditSigningKey.Generate();

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected ChainDatabase Database { get; private set; } = null!;

    private IAuditStore Store { get; set; } = null!;

    private CheckpointExport Export => new(Path.Combine(_exportDirectory, "checkpoints.jsonl"));

    protected abstract Task<ChainDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Store = Database.NewStore();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        _key.Dispose();
        Directory.Delete(_exportDirectory, recursive: true);
    }

    [Fact]
    public async Task Appended_entries_link_to_each_other_and_verify()
    {
        await AppendAsync(10);
        await CheckpointAsync();

        var entries = await Store.ReadAsync(1, Token).ToListAsync(Token);
        var result = await VerifyAsync();

        Assert.True(result.Ok, Describe(result));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(AuditHash.Genesis, entries[0].PreviousHash);
        Assert.All(entries.Skip(1), (e, i) => Assert.Equal(entries[i].Hash, e.PreviousHash));
        Assert.Equal(10, result.LatestCheckpoint?.Seq);
    }

    [Fact]
    public async Task An_edited_detail_is_a_hash_mismatch_at_its_seq()
    {
        await AppendAsync(10);
        await Database.ExecuteAsync("UPDATE audit_chain SET detail = 'nothing happened' WHERE seq = 4", Token);

        var result = await VerifyAsync();

        var only = Assert.Single(result.Breaks);
        Assert.Equal((4L, AuditBreakKind.Edited), (only.Seq, only.Kind));
        Assert.Contains("hash mismatch at seq 4", only.Message);
    }

    [Fact]
    public async Task A_deleted_entry_is_a_gap_at_its_seq()
    {
        await AppendAsync(10);
        await Database.ExecuteAsync("DELETE FROM audit_chain WHERE seq = 6", Token);

        var result = await VerifyAsync();

        var only = Assert.Single(result.Breaks);
        Assert.Equal((6L, AuditBreakKind.Deleted), (only.Seq, only.Kind));
        Assert.Contains("gap at seq 6", only.Message);
    }

    [Fact]
    public async Task A_deleted_entry_with_the_rest_renumbered_is_found_where_it_was()
    {
        await AppendAsync(10);
        await Database.ExecuteAsync("DELETE FROM audit_chain WHERE seq = 6", Token);
        await Database.ExecuteAsync("UPDATE audit_chain SET seq = seq + 1000 WHERE seq > 6", Token);
        await Database.ExecuteAsync("UPDATE audit_chain SET seq = seq - 1001 WHERE seq > 1000", Token);

        var result = await VerifyAsync();

        var only = Assert.Single(result.Breaks);
        Assert.Equal((6L, AuditBreakKind.Deleted), (only.Seq, only.Kind));
    }

    [Fact]
    public async Task An_entry_inserted_by_someone_who_knows_the_hash_is_named()
    {
        await AppendAsync(10);
        var fourth = (await Store.ReadAsync(4, Token).FirstAsync(Token));
        await Database.ExecuteAsync("UPDATE audit_chain SET seq = seq + 1000 WHERE seq >= 5", Token);
        await Database.ExecuteAsync("UPDATE audit_chain SET seq = seq - 999 WHERE seq >= 1000", Token);
        var time = fourth.Time.ToUnixTimeMilliseconds();
        var forged = AuditHash.Compute(5, time, "web", "user:mallory", "sign", null, "approved", fourth.Hash);
        await Database.ExecuteAsync("""
            INSERT INTO audit_chain (seq, time_ms, service, actor, action, subject, detail, previous_hash, hash)
            VALUES (5, @time, 'web', 'user:mallory', 'sign', NULL, 'approved', @previous, @hash)
            """, Token, ("@time", time), ("@previous", fourth.Hash), ("@hash", forged));

        var result = await VerifyAsync();

        var only = Assert.Single(result.Breaks);
        Assert.Equal((5L, AuditBreakKind.Inserted), (only.Seq, only.Kind));
        Assert.Contains("seq 5 is not part of the chain", only.Message);
    }

    [Fact]
    public async Task Two_swapped_entries_are_named_as_reordered()
    {
        await AppendAsync(10);
        await Database.ExecuteAsync("UPDATE audit_chain SET seq = -3 WHERE seq = 3", Token);
        await Database.ExecuteAsync("UPDATE audit_chain SET seq = 3 WHERE seq = 4", Token);
        await Database.ExecuteAsync("UPDATE audit_chain SET seq = 4 WHERE seq = -3", Token);

        var result = await VerifyAsync();

        Assert.Equal([(3L, AuditBreakKind.Reordered), (4L, AuditBreakKind.Reordered)], result.Breaks.Select(b => (b.Seq, b.Kind)));
        Assert.Contains("written at seq 4 is at seq 3", result.Breaks[0].Message);
    }

    [Fact]
    public async Task A_truncated_tail_is_found_against_the_exported_checkpoint()
    {
        await AppendAsync(10);
        await CheckpointAsync();
        // Whoever removes the tail cleans the database's own checkpoints too; the export is out of reach.
        await Database.ExecuteAsync("DELETE FROM audit_chain WHERE seq > 7", Token);
        await Database.ExecuteAsync("DELETE FROM audit_checkpoint", Token);

        var result = await VerifyAsync();

        var only = Assert.Single(result.Breaks);
        Assert.Equal((10L, AuditBreakKind.Truncated), (only.Seq, only.Kind));
        Assert.Contains("chain ends at seq 7", only.Message);
    }

    [Fact]
    public async Task A_chain_rewritten_with_recomputed_hashes_disagrees_with_its_checkpoint()
    {
        await AppendAsync(10);
        await CheckpointAsync();
        var entries = await Store.ReadAsync(1, Token).ToListAsync(Token);
        var previous = entries[2].Hash;
        foreach (var entry in entries.Skip(3))
        {
            var detail = entry.Seq == 4 ? "nothing happened" : entry.Detail;
            var hash = AuditHash.Compute(entry.Seq, entry.Time.ToUnixTimeMilliseconds(), entry.Service, entry.Actor, entry.Action,
                entry.Subject, detail, previous);
            await Database.ExecuteAsync("UPDATE audit_chain SET detail = @detail, previous_hash = @previous, hash = @hash WHERE seq = @seq",
                Token, ("@detail", detail), ("@previous", previous), ("@hash", hash), ("@seq", entry.Seq));
            previous = hash;
        }

        var result = await VerifyAsync();

        Assert.NotEmpty(result.Breaks);
        Assert.All(result.Breaks, b => Assert.Equal((10L, AuditBreakKind.CheckpointMismatch), (b.Seq, b.Kind)));
        Assert.Contains(result.Breaks, b => b.Message.Contains("exported checkpoint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_checkpoint_signed_by_another_key_is_a_forgery()
    {
        await AppendAsync(10);
        var checkpoint = await CheckpointAsync();
        using var other = AuditSigningKey.Generate();
        var forged = Convert.ToBase64String(other.Sign(checkpoint.SignedBytes()));
        await Database.ExecuteAsync("UPDATE audit_checkpoint SET signature = @signature WHERE seq = 10", Token, ("@signature", forged));

        var result = await VerifyAsync();

        var only = Assert.Single(result.Breaks);
        Assert.Equal((10L, AuditBreakKind.CheckpointSignature), (only.Seq, only.Kind));
        Assert.Contains("stored checkpoint at seq 10 is not signed by this service's key", only.Message);
    }

    [Fact]
    public async Task Concurrent_appends_through_two_stores_keep_one_linear_chain()
    {
        var stores = new[] { Store, Database.NewStore() };
        const int Writers = 16, AppendsEach = 15;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsEach; i++)
            {
                IReadOnlyList<AuditEvent> events = i % 3 == 0
                    ? [new AuditEvent($"user:w{writer}", "read", null, $"{i}a"), new AuditEvent($"user:w{writer}", "read", null, $"{i}b")]
                    : [new AuditEvent($"user:w{writer}", "read", null, $"{i}")];
                await stores[(writer + i) % 2].AppendAsync("web", events, Start.AddSeconds(i), Token);
            }
        }, Token)));

        var entries = await Store.ReadAsync(1, Token).ToListAsync(Token);
        var result = await VerifyAsync();

        var expected = Writers * (AppendsEach + (AppendsEach + 2) / 3);
        Assert.True(result.Ok, Describe(result));
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(entries.Count, entries.Select(e => e.Hash).Distinct().Count());
    }

    private async Task AppendAsync(int count)
    {
        for (var seq = 1; seq <= count; seq += 3)
        {
            var events = Enumerable.Range(seq, Math.Min(3, count - seq + 1))
                .Select(i => new AuditEvent($"user:reader{i % 2}", i % 2 == 0 ? "view-report" : "sign", $"report:{i:x8}", $"entry {i}"))
                .ToList();
            await Store.AppendAsync("web", events, Start.AddMinutes(seq), Token);
        }
    }

    private async Task<AuditCheckpoint> CheckpointAsync() =>
        (await new AuditCheckpointer(Store, _key, Export, new AuditServiceName("web"), TimeProvider.System).CheckpointAsync(force: true, Token))!;

    private Task<AuditVerification> VerifyAsync() => new AuditVerifier(Database.NewStore(), _key, Export).VerifyAsync(Token);

    private static string Describe(AuditVerification result) => string.Join("; ", result.Breaks.Select(b => $"{b.Seq} {b.Kind} {b.Message}"));
}

public sealed class SqliteAuditChainTests : AuditChainContract
{
    protected override Task<ChainDatabase> CreateDatabaseAsync() => Task.FromResult<ChainDatabase>(new SqliteChainDatabase());
}

[Collection(nameof(PostgreSqlCollection))]
public sealed class PostgresAuditChainTests(Airadcr.Testing.PostgreSqlServer server) : AuditChainContract
{
    protected override async Task<ChainDatabase> CreateDatabaseAsync() => await PostgresChainDatabase.CreateAsync(server, Token);
}
