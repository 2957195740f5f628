using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Airadcr.LocalServers;
using Airadcr.Web.Apis;
using Airadcr.Web.Localization;
using Airadcr.Web.Research;
using Airadcr.Web.Viewer;
using Microsoft.AspNetCore.Http;

namespace Airadcr.Web.Tests;

public sealed class ResearchPieceTests
{
    [Fact]
    public void A_profile_is_basic_plus_the_chosen_options_in_the_table_order()
    {
        Assert.Equal("basic", ResearchProfile.Compose([]));
        Assert.Equal("basic+modified-dates+retain-uids+clean-graphics", ResearchProfile.Compose(["clean-graphics", "retain-uids", "modified-dates"]));
        Assert.Equal(["modified-dates", "retain-uids"], ResearchProfile.OptionsOf("basic+modified-dates+retain-uids"));
    }

    [Fact]
    public void A_profile_refuses_an_unknown_option_and_full_dates_with_modified_dates()
    {
        Assert.Throws<ArgumentException>(() => ResearchProfile.Compose(["retain-everything"]));
        Assert.Throws<ArgumentException>(() => ResearchProfile.Compose(["retain-longitudinal-full", "modified-dates"]));
    }

    [Theory]
    [InlineData("0f3c2a9b8d7e4f6a1b2c3d4e5f6a7b8c", true)]
    [InlineData("42", true)]
    [InlineData("", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("a%2Fb", false)]
    [InlineData("a?b", false)]
    public void Only_plain_ids_go_into_a_gateway_url(string id, bool valid)
    {
        Assert.Equal(valid, ResearchIds.IsValid(id));
        if (!valid)
        {
            Assert.Throws<ArgumentException>(() => ResearchClient.ProjectPath(id));
        }
    }

    [Theory]
    [InlineData("/research/p1/dicom-web/studies", true)]
    [InlineData("/research/p1/exports/e1/file", true)]
    [InlineData("/research/p1", false)]
    [InlineData("/research", false)]
    [InlineData("/researchers/p1/dicom-web/studies", false)]
    [InlineData("/dicom-web/studies", false)]
    public void Script_paths_of_a_project_answer_a_status_instead_of_the_sign_in_page(string path, bool script) =>
        Assert.Equal(script, ResearchApi.IsScriptPath(new PathString(path)));

    [Theory]
    [InlineData("/studies", true)]
    [InlineData("/studies/2.25.1/series/2.25.2/instances/2.25.3/frames/1,2", true)]
    [InlineData("/studies/2.25.1/series/2.25.2/instances/2.25.3/bulk/7FE00010", true)]
    [InlineData("", false)]
    [InlineData("/", false)]
    [InlineData("/studies/../../p2/dicom-web/studies", false)]
    [InlineData("/studies/%2E%2E/x", false)]
    [InlineData("/studies/a%2Fb", false)]
    [InlineData("/studies//series", false)]
    [InlineData("/studies/./series", false)]
    public void Only_DICOMweb_paths_below_the_projects_root_are_forwarded(string rest, bool forwarded) =>
        Assert.Equal(forwarded, ResearchApi.IsDicomWebRest(new PathString(rest)));

    [Fact]
    public void A_research_source_reads_the_projects_proxy_and_its_name_is_escaped()
    {
        var source = ViewerDataSource.ForResearchProject("p1", "Cohort 'A' </script>", ResearchApi.DicomWebRoot("p1"));
        var config = ViewerConfig.AppConfigJs([source]);

        Assert.Contains("sourceName: \"research-p1\"", config, StringComparison.Ordinal);
        Assert.Contains("qidoRoot: \"/research/p1/dicom-web\"", config, StringComparison.Ordinal);
        Assert.Contains("wadoRoot: \"/research/p1/dicom-web\"", config, StringComparison.Ordinal);
        Assert.Contains("defaultDataSourceName: \"research-p1\"", config, StringComparison.Ordinal);
        Assert.DoesNotContain("</script>", config, StringComparison.Ordinal);
        Assert.DoesNotContain("'A'", config, StringComparison.Ordinal);
        Assert.Equal("/viewer/viewer/research-p1?StudyInstanceUIDs=2.25.1", ViewerConfig.StudyLink(source, "2.25.1"));
    }

    [Fact]
    public void A_reviewer_config_keeps_the_orthanc_source_as_default()
    {
        var config = ViewerConfig.AppConfigJs([ViewerConfig.Orthanc]);
        Assert.Contains("defaultDataSourceName: \"orthanc\"", config, StringComparison.Ordinal);
        Assert.Contains("qidoRoot: \"/dicom-web\"", config, StringComparison.Ordinal);
        Assert.Contains("wadoUriRoot: \"/wado\"", config, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_travels_with_dates_as_YYYY_MM_DD_and_no_study_list()
    {
        var project = new NewResearchProject("Cohort", "basic", null, new ResearchQuery("CT", new DateOnly(2004, 1, 19), null, "nodule"), ["u1"]);
        var json = JsonSerializer.Serialize(project, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal(
            """{"name":"Cohort","profile":"basic","studyInstanceUids":null,"query":{"modality":"CT","from":"2004-01-19","to":null,"findingType":"nodule"},"members":["u1"]}""",
            json);
    }

    [Fact]
    public void Gateway_ids_are_read_as_text_whether_strings_or_numbers()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.Equal("abc", JsonSerializer.Deserialize<CreatedResearchProject>("""{"id":"abc"}""", options)!.Id);
        Assert.Equal("42", JsonSerializer.Deserialize<CreatedResearchProject>("""{"id":42}""", options)!.Id);
    }

    [Fact]
    public void Every_text_of_the_research_pages_and_profile_options_is_translated_to_French()
    {
        var root = BuiltProject.RepositoryRoot() ?? throw new InvalidOperationException("Airadcr.sln not found");
        var pages = Path.Combine(root, "Airadcr.Web", "Components", "Pages");
        var keys = Directory.GetFiles(Path.Combine(pages, "Research"), "*.razor")
            .Concat(Directory.GetFiles(Path.Combine(pages, "Admin"), "Research*.razor"))
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), "T\\[\"([^\"]+)\"").Select(m => m.Groups[1].Value))
            .Concat(ResearchProfile.Options.SelectMany(o => new[] { o.Label, o.Explanation }))
            .Concat(["pending", "done", "failed", "running"])
            .Distinct()
            .ToList();
        Assert.True(keys.Count > 50, $"{keys.Count} texts found");

        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("fr");
            var text = new UiText();
            Assert.DoesNotContain(keys, key => text[key].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
