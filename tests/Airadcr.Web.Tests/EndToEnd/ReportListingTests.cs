using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>The ReportApi's AIRADCR extension POST /airadcr/reports/query, called as the Web calls it (server to server).</summary>
[Collection(WebStackCollection.Name)]
public sealed class ReportListingTests(WebStack stack)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> QueryAsync(object query, string? adminKey)
    {
        using var http = new HttpClient { BaseAddress = stack.ReportApiClient.BaseAddress };
        if (adminKey is not null)
        {
            http.DefaultRequestHeaders.Add("X-Admin-Key", adminKey);
        }
        using var response = await http.PostAsJsonAsync("airadcr/reports/query", query, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (response.StatusCode, body);
    }

    private static IReadOnlyList<string> Ids(JsonElement body) =>
        [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("technical_id").GetString()!)];

    [Fact]
    public async Task The_listing_needs_the_admin_key_not_an_API_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await QueryAsync(new { }, adminKey: null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await QueryAsync(new { }, adminKey: stack.ApiKey)).Status);
    }

    [Fact]
    public async Task Pages_are_stable_and_sorted_and_the_total_counts_every_match()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 1; i <= 5; i++)
        {
            await stack.SeedReportAsync(new SeededReport($"PAGE_{i}", $"PAT-PAGE-{i}", $"ACCPAGE-{i}", i % 2 == 0 ? "MR" : "CT", "Page"), ct);
        }

        var first = await QueryAsync(new { text = "ACCPAGE", sort = "accession_number", descending = false, offset = 0, limit = 2 }, stack.AdminKey);
        var second = await QueryAsync(new { text = "ACCPAGE", sort = "accession_number", descending = false, offset = 2, limit = 2 }, stack.AdminKey);
        var mr = await QueryAsync(new { text = "accpage", modality = "mr" }, stack.AdminKey);

        Assert.Equal(5, first.Body.GetProperty("total").GetInt32());
        Assert.Equal(["PAGE_1", "PAGE_2"], Ids(first.Body));
        Assert.Equal(["PAGE_3", "PAGE_4"], Ids(second.Body));
        Assert.Equal(["PAGE_4", "PAGE_2"], Ids(mr.Body));
    }

    [Fact]
    public async Task A_de_identified_query_cannot_find_a_report_by_patient_id()
    {
        var ct = TestContext.Current.CancellationToken;
        await stack.SeedReportAsync(new SeededReport("PROBE_1", "PAT-PROBE-77", "ACCPROBE-1", "CT", "Sonde"), ct);

        var open = await QueryAsync(new { text = "PAT-PROBE-77" }, stack.AdminKey);
        var deidentified = await QueryAsync(new { text = "PAT-PROBE-77", text_on_technical_id_only = true }, stack.AdminKey);

        Assert.Equal(["PROBE_1"], Ids(open.Body));
        Assert.Empty(Ids(deidentified.Body));
    }

    [Fact]
    public async Task Technical_id_sets_include_and_exclude_and_bad_paging_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await stack.SeedReportAsync(new SeededReport("SET_A", "PAT-SET-A", "ACCSET-A", "CT", "A"), ct);
        await stack.SeedReportAsync(new SeededReport("SET_B", "PAT-SET-B", "ACCSET-B", "CT", "B"), ct);

        var only = await QueryAsync(new { technical_ids = new[] { "SET_B" } }, stack.AdminKey);
        var without = await QueryAsync(new { text = "ACCSET", exclude_technical_ids = new[] { "SET_B" } }, stack.AdminKey);
        var bad = await QueryAsync(new { limit = 501 }, stack.AdminKey);

        Assert.Equal(["SET_B"], Ids(only.Body));
        Assert.Equal(["SET_A"], Ids(without.Body));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }
}
