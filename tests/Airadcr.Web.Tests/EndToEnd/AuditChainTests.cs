using Airadcr.Audit;
using Airadcr.Audit.Checkpoints;
using Airadcr.Audit.Storage;
using Airadcr.Audit.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Issue 21, item 4 in the Web: signing in, opening a report, the viewer and its DICOMweb proxy are appended to the
/// Web's hash chain with no identifier in clear, and the admin page verifies it and exports its head.
/// </summary>
[Collection(WebStackCollection.Name)]
public sealed class AuditChainTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    private const string Study = "1.2.826.0.1.3680043.8.498.21042";
    private static readonly SeededReport Report = new("AUDIT_CHAIN_1", "PAT-AUDIT-7", "ACCAUDIT-7", "CT", "Scanner audit", Study);

    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_report_view_and_image_access_are_chained_without_identifiers()
    {
        var page = await browser.OpenSeededReportAsync(stack, Report);
        await Assertions.Expect(page.Locator("[data-testid=findings]")).ToContainTextAsync("87");
        await page.APIRequest.GetAsync($"/dicom-web/studies/{Study}/series?PatientID=PAT-AUDIT-7");
        await page.APIRequest.GetAsync($"/viewer/viewer?StudyInstanceUIDs={Study}");

        var subjects = AuditSubjects.Load(null, stack.WebDataDirectory);
        var entries = await WaitForAsync(e => e.Action == "dicomweb-request" && e.Subject == subjects.Study(Study));

        Assert.Contains(entries, e => e is { Action: "sign-in", Actor: WebStack.AdminUser });
        Assert.Contains(entries, e => e.Action == "view-report" && e.Subject == subjects.Report(Report.TechnicalId));
        Assert.Contains(entries, e => e.Action == "open-viewer" && e.Subject == subjects.Study(Study));
        var proxied = entries.Last(e => e.Action == "dicomweb-request");
        Assert.Equal("GET /dicom-web/studies/{uid}/series", proxied.Detail);
        foreach (var identifier in new[] { Report.PatientId, Report.AccessionNumber, Study, Report.TechnicalId, "21042" })
        {
            Assert.DoesNotContain(entries, e => $"{e.Actor}|{e.Subject}|{e.Detail}".Contains(identifier, StringComparison.Ordinal));
        }
        using var key = AuditSigningKey.Load(null, stack.WebDataDirectory);
        var result = await new AuditVerifier(Store(), key, new CheckpointExport(Path.Combine(stack.WebDataDirectory, "audit-checkpoints.jsonl")))
            .VerifyAsync(Token);
        Assert.True(result.Ok, string.Join("; ", result.Breaks.Select(b => b.Message)));
    }

    [Fact]
    public async Task The_admin_page_verifies_every_service_and_exports_the_head()
    {
        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/admin/audit");

        await page.ClickAsync("#verify-audit");
        await Assertions.Expect(page.Locator("[data-testid=audit-web] .audit-ok")).ToHaveTextAsync("OK");
        await Assertions.Expect(page.Locator("[data-testid=audit-reportapi] .audit-ok")).ToHaveTextAsync("OK");
        // This stack runs no gateway: said so, not hidden.
        await Assertions.Expect(page.Locator("[data-testid=audit-dicomgateway] .audit-unavailable")).ToBeVisibleAsync();

        await page.ClickAsync("#export-audit-head");
        await Assertions.Expect(page.Locator("[data-testid=exported-head]")).ToContainTextAsync("\"service\":\"web\"");
        var exported = new CheckpointExport(Path.Combine(stack.WebDataDirectory, "audit-checkpoints.jsonl")).Read().Checkpoints;
        Assert.Contains(exported, c => c.Service == "web");
    }

    private SqliteAuditStore Store() =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(stack.WebDataDirectory, "web.db") }.ToString());

    /// <summary>The chain once an entry matching <paramref name="appended"/> is in it (queued entries follow within a batch).</summary>
    private async Task<IReadOnlyList<AuditEntry>> WaitForAsync(Func<AuditEntry, bool> appended)
    {
        var store = Store();
        while (true)
        {
            var entries = await store.ReadAsync(1, Token).ToListAsync(Token);
            if (entries.Any(appended))
            {
                return entries;
            }
            await Task.Delay(100, Token);
        }
    }
}
