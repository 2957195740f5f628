using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Audit;
using Airadcr.Audit.Verification;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>
/// Issue 21, item 4 in the ReportApi: each call is appended to the chain in reportsdb by API key prefix, with the report
/// as a keyed hash and no identifier in clear; <c>GET /admin/audit/verify</c> (admin key only) says the chain is intact.
/// </summary>
public abstract class AuditChainContract(IStoreBackend backend) : IAsyncDisposable
{
    private ReportApiFactory? api;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_and_writes_are_chained_by_key_prefix_without_identifiers()
    {
        var client = (await StartAsync()).CreateClient().WithApiKey();
        using (var stored = await client.PostReportAsync(SampleReports.Minimal("AUDIT_RA_1", accession: "ACC-AUDIT-9", patient: "PAT-AUDIT-9")))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }
        using (var read = await client.GetAsync("/pending-report?tid=AUDIT_RA_1", Token))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using (var found = await client.GetAsync("/find-report?accession_number=ACC-AUDIT-9", Token))
        {
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        }

        var entries = await WaitForEntriesAsync(3);

        var subjects = api!.Service<AuditSubjects>();
        const string Actor = "key:TestProd";
        Assert.Contains(entries, e => e is { Actor: Actor, Action: "POST /pending-report", Detail: "200" });
        Assert.Contains(entries, e => e.Actor == Actor && e.Action == "GET /pending-report" && e.Subject == subjects.Report("AUDIT_RA_1"));
        Assert.Contains(entries, e => e is { Actor: Actor, Action: "GET /find-report", Subject: null });
        foreach (var identifier in new[] { "AUDIT_RA_1", "ACC-AUDIT-9", "PAT-AUDIT-9", TestKeys.Api })
        {
            Assert.DoesNotContain(entries, e => $"{e.Actor}|{e.Action}|{e.Subject}|{e.Detail}".Contains(identifier, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_verification_is_served_to_the_admin_key_only()
    {
        var factory = await StartAsync();
        using (var stored = await factory.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("AUDIT_RA_2")))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }
        await WaitForEntriesAsync(1);

        using var refused = await factory.CreateClient().WithApiKey().GetAsync(AuditVerifyEndpoint.Path, Token);
        var report = await factory.CreateClient().WithAdminKey()
            .GetFromJsonAsync<AuditVerificationReport>(AuditVerifyEndpoint.Path, AuditVerifyEndpoint.Json, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotNull(report);
        Assert.True(report.Ok, JsonSerializer.Serialize(report.Breaks));
        Assert.True(report.Entries >= 1);
    }

    private async Task<ReportApiFactory> StartAsync()
    {
        api = new ReportApiFactory(await backend.CreateStoreAsync(Token));
        return api;
    }

    /// <summary>The chain once it holds <paramref name="count"/> entries (calls are queued, then appended in a batch).</summary>
    private async Task<IReadOnlyList<AuditEntry>> WaitForEntriesAsync(int count)
    {
        var store = api!.Service<AuditTrail>().Store;
        while (true)
        {
            var entries = await store.ReadAsync(1, Token).ToListAsync(Token);
            if (entries.Count >= count)
            {
                return entries;
            }
            await Task.Delay(50, Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
            await api.DeleteDataDirectoryAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteAuditChainTests() : AuditChainContract(new SqliteBackend());

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresAuditChainTests(PostgreSqlServer postgres, RedisServer redis) : AuditChainContract(new PostgresRedisBackend(postgres, redis));
