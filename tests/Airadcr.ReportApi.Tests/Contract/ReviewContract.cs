using System.Net;
using System.Net.Http.Json;
using System.Text;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>
/// The review outcome extension (<c>review</c> field; <c>POST /airadcr/reports/{tid}/review</c>; signing through
/// <c>/approved</c>): a RIS asking <c>/find-report</c> tells a signed from a rejected report, the spec's <c>status</c>
/// is unchanged, a second reviewer's other outcome is refused, and the outcome is sealed at rest.
/// </summary>
public abstract class ReviewContract(IStoreBackend backend) : ContractTestBase(backend)
{
    [Fact]
    public async Task A_signed_report_says_so_in_find_report_and_keeps_its_spec_status()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.Minimal("REVIEW_SIGNED", accession: "ACC_REVIEW_1"));
        var before = await (await client.GetAsync("/find-report?accession_number=ACC_REVIEW_1", Token)).JsonAsync();
        Assert.Null(before["data"]!["review"]);

        using var approved = await api.CreateClient().WithAdminKey().PostAsJsonAsync("/airadcr/reports/REVIEW_SIGNED/approved", new
        {
            approved_text = "Radio thorax : normale.", radiologist_name = "dr.martin", approval_timestamp = "2026-02-23T10:45:00+01:00",
            modifications_made = true, modified_sections = new[] { "conclusion" },
        }, Token);
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync(Token));

        var found = await (await client.GetAsync("/find-report?accession_number=ACC_REVIEW_1", Token)).JsonAsync();
        var review = found["data"]!["review"]!;
        Assert.Equal("signed", (string?)review["outcome"]);
        Assert.Equal("dr.martin", (string?)review["reviewed_by"]);
        Assert.Equal("conclusion", (string?)review["modified_sections"]![0]);
        Assert.Contains((string?)found["data"]!["status"], new[] { "pending", "retrieved" });
        var read = await (await client.GetAsync("/pending-report?tid=REVIEW_SIGNED", Token)).JsonAsync();
        Assert.Equal("signed", (string?)read["data"]!["review"]!["outcome"]);
    }

    [Fact]
    public async Task A_reject_racing_a_signature_is_a_conflict_and_the_first_outcome_stands()
    {
        await using var api = await StartAsync();
        await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("REVIEW_RACE"));
        var admin = api.CreateClient().WithAdminKey();

        using var signed = await admin.PostAsJsonAsync("/airadcr/reports/REVIEW_RACE/review", new { outcome = "signed", reviewed_by = "dr.a" }, Token);
        using var rejected = await admin.PostAsJsonAsync("/airadcr/reports/REVIEW_RACE/review",
            new { outcome = "rejected", reviewed_by = "dr.b", reason = "faux positif" }, Token);
        using var signedAgain = await admin.PostAsJsonAsync("/airadcr/reports/REVIEW_RACE/review", new { outcome = "signed", reviewed_by = "dr.a" }, Token);

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, rejected.StatusCode);
        Assert.Equal("signed", (string?)(await rejected.JsonAsync())["review"]!["outcome"]);
        Assert.Equal(HttpStatusCode.OK, signedAgain.StatusCode);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_is_then_returned_and_is_sealed_at_rest()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.Minimal("REVIEW_REJECTED"));
        var admin = api.CreateClient().WithAdminKey();
        const string Reason = "Artefact de mouvement, patient GRÉGOIRE à reconvoquer";

        using var noReason = await admin.PostAsJsonAsync("/airadcr/reports/REVIEW_REJECTED/review", new { outcome = "rejected" }, Token);
        using var unknown = await admin.PostAsJsonAsync("/airadcr/reports/REVIEW_REJECTED/review", new { outcome = "approved" }, Token);
        using var missing = await admin.PostAsJsonAsync("/airadcr/reports/NO_SUCH_REPORT/review", new { outcome = "signed" }, Token);
        using var anonymous = await api.CreateClient().PostAsJsonAsync("/airadcr/reports/REVIEW_REJECTED/review", new { outcome = "signed" }, Token);
        using var rejected = await admin.PostAsJsonAsync("/airadcr/reports/REVIEW_REJECTED/review",
            new { outcome = "rejected", reviewed_by = "dr.b", reason = Reason }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("reason", (string?)(await noReason.JsonAsync())["field"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var read = await (await client.GetAsync("/pending-report?tid=REVIEW_REJECTED", Token)).JsonAsync();
        Assert.Equal("rejected", (string?)read["data"]!["review"]!["outcome"]);
        Assert.Equal(Reason, (string?)read["data"]!["review"]!["reason"]);

        var row = await StoredRowAsync(api, "REVIEW_REJECTED");
        Assert.NotNull(row?.Review);
        var stored = Encoding.Latin1.GetString(row.Review);
        Assert.DoesNotContain("GRÉGOIRE", Encoding.UTF8.GetString(row.Review), StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", stored, StringComparison.Ordinal);
    }
}
