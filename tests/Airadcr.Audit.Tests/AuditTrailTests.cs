using Airadcr.Audit.Checkpoints;
using Airadcr.Audit.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Airadcr.Audit.Tests;

/// <summary>The service side: queued events reach the chain in order, and stopping drains the queue and exports a checkpoint.</summary>
public sealed class AuditTrailTests : IAsyncDisposable
{
    private readonly SqliteChainDatabase _database = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("airadcr-audit-trail-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queued_events_are_appended_in_order_and_the_stop_exports_the_head()
    {
        var store = _database.NewStore();
        var service = new AuditServiceName("dicomgateway");
        using var key = AuditSigningKey.Load(null, _directory);
        var export = new CheckpointExport(Path.Combine(_directory, "export", "checkpoints.jsonl"));
        var trail = new AuditTrail(store, service, TimeProvider.System);
        var worker = new AuditTrailWorker(trail, new AuditCheckpointer(store, key, export, service, TimeProvider.System),
            Options.Create(new AuditOptions { CheckpointInterval = TimeSpan.FromHours(1) }), TimeProvider.System, NullLogger<AuditTrailWorker>.Instance);

        await worker.StartAsync(Token);
        for (var i = 0; i < 300; i++)
        {
            trail.Record(new AuditEvent("ae:MODALITY", "store", null, $"{i}"));
        }
        await trail.RecordAsync(new AuditEvent("ae:MODALITY", "association-released"), Token);
        await worker.StopAsync(Token);

        var entries = await store.ReadAsync(1, Token).ToListAsync(Token);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"{i}").Append(null), entries.Select(e => e.Detail));
        var exported = Assert.Single(export.Read().Checkpoints);
        Assert.Equal(301, exported.Seq);
        Assert.True(exported.IsSignedBy(key));
        var result = await new AuditVerifier(store, AuditSigningKey.Load(null, _directory), export).VerifyAsync(Token);
        Assert.True(result.Ok);
        Assert.Equal(301, result.LatestCheckpoint?.Seq);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_generated_key_and_pepper_are_kept_owner_only_and_reused()
    {
        using var first = AuditSigningKey.Load(null, _directory);
        using var again = AuditSigningKey.Load(null, _directory);
        var subjects = AuditSubjects.Load(null, _directory);

        Assert.Equal(first.KeyId, again.KeyId);
        Assert.Equal(subjects.Study("1.2.3"), AuditSubjects.Load(null, _directory).Study("1.2.3"));
        foreach (var file in new[] { AuditSigningKey.FileName, AuditSubjects.PepperFileName })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, file)));
        }
    }

    [Fact]
    public void A_study_subject_is_a_keyed_hash_without_the_uid()
    {
        const string Uid = "1.2.826.0.1.3680043.8.498.12345678901234567890";
        var subjects = new AuditSubjects("pepper-of-this-deployment");

        var subject = subjects.Study(Uid);

        Assert.Matches("^study:[0-9a-f]{16}$", subject);
        Assert.DoesNotContain("12345678901234567890", subject);
        Assert.Equal(subject, subjects.Study(Uid));
        Assert.NotEqual(subject, new AuditSubjects("another-deployment").Study(Uid));
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
