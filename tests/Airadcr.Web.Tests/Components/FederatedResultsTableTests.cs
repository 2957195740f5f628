using Airadcr.Web.Components.Pages.Admin;
using Airadcr.Web.Gateway;
using Bunit;

namespace Airadcr.Web.Tests.Components;

/// <summary>Issue 22: the federated search's results, one red/green column per archive, and each archive's status and time.</summary>
public sealed class FederatedResultsTableTests : DashboardComponentContext
{
    private static readonly ArchiveOutcomeView Ok = new("a", "orthanc", "primary", "ok", null, 12, 2, false, "qido-rs");
    private static readonly ArchiveOutcomeView Slow = new("b", "slow-pacs", "secondary", "timeout", "no complete answer within 5000 ms", 5003, 1, true, "c-find");

    private static FederatedStudyView Study(string uid, bool? inA, bool? inB, params string[] conflicts) =>
        new(new StudyAttributes(uid, "DOE^JANE", "P1", "ACC1", "20240110", "CT chest", "CT", 3),
            new Dictionary<string, bool?> { ["a"] = inA, ["b"] = inB }, conflicts);

    private static FederatedSearchView Result(params FederatedStudyView[] studies) => new(studies, studies.Length, 1, 25, [Ok, Slow]);

    [Fact]
    public void Each_study_has_one_presence_cell_per_archive_green_red_or_unknown()
    {
        var table = Render<FederatedResultsTable>(p => p.Add(t => t.Result, Result(Study("1.2.3", true, null), Study("1.2.4", false, true))));

        var rows = table.FindAll("tr.federated-study");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["presence-yes", "presence-unknown"], rows[0].QuerySelectorAll("td.presence").Select(cell => cell.ClassList.Last()));
        Assert.Equal(["presence-no", "presence-yes"], rows[1].QuerySelectorAll("td.presence").Select(cell => cell.ClassList.Last()));
        Assert.Equal(["orthanc", "slow-pacs"], table.FindAll("th.archive-column").Select(header => header.TextContent));
    }

    [Fact]
    public void Each_archive_shows_its_status_time_count_and_reason()
    {
        var table = Render<FederatedResultsTable>(p => p.Add(t => t.Result, Result(Study("1.2.3", true, true))));

        var slow = table.Find("tr.archive-outcome[data-archive=b]");
        Assert.Equal("timeout", slow.GetAttribute("data-status"));
        Assert.Contains("5003", slow.TextContent, StringComparison.Ordinal);
        Assert.Contains("no complete answer within 5000 ms", slow.TextContent, StringComparison.Ordinal);
        Assert.Contains("partial", slow.TextContent, StringComparison.Ordinal);
        Assert.Equal("ok", table.Find("tr.archive-outcome[data-archive=a]").GetAttribute("data-status"));
    }

    [Fact]
    public void A_study_whose_archives_disagree_names_the_attributes()
    {
        var table = Render<FederatedResultsTable>(p => p.Add(t => t.Result, Result(Study("1.2.3", true, true, "patientName", "accessionNumber"))));

        Assert.Contains("patientName, accessionNumber", table.Find(".conflict").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_test_shows_echo_and_qido_with_round_trip_times()
    {
        var outcome = Render<ArchiveTestOutcome>(p => p.Add(t => t.Result, new ArchiveTestView("a", false,
            new ProbeView(true, 3.2, 0.75, "C-ECHO status 0x0000"), new ProbeView(false, 20, 4.0, "QIDO-RS HTTP 401"))));

        Assert.Equal("false", outcome.Find(".archive-test-outcome").GetAttribute("data-ok"));
        Assert.Contains("ok · 0.8 ms", outcome.Find(".echo-outcome").TextContent, StringComparison.Ordinal);
        Assert.Contains("QIDO-RS HTTP 401 · 4.0 ms", outcome.Find(".qido-outcome").TextContent, StringComparison.Ordinal);
    }
}
