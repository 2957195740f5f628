using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Process;

/// <summary>
/// The spec's Orthanc Lua script (section 7), unmodified except for the API key and base URL, loaded into a real
/// Orthanc: a stable study is posted to the ReportApi and opened (navigation published).
/// </summary>
public sealed class SpecLuaScriptTests : IAsyncLifetime
{
    private const string Accession = "ACCLUA001";
    private readonly string directory = Directory.CreateTempSubdirectory("airadcr-lua-").FullName;
    private ReportApiProcess? api;
    private OrthancServer? orthanc;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        api = await ReportApiProcess.StartAsync(Path.Combine(directory, "data"), FreePort.Next());
        var script = Path.Combine(directory, "airadcr.lua");
        await File.WriteAllTextAsync(script, SpecDocument.CodeBlock("lua", "OnStableStudy")
            .Replace("VOTRE_CLE_API", TestKeys.Api, StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8741", api.BaseUrl(), StringComparison.Ordinal));
        orthanc = new OrthancServer { StableAgeSeconds = 1 };
        orthanc.LuaScripts.Add(script);
        await orthanc.InitializeAsync();
    }

    [Fact]
    public async Task A_stable_study_in_orthanc_is_stored_and_opened_by_the_spec_lua_script()
    {
        using var client = new HttpClient { BaseAddress = new Uri(api!.BaseUrl()) }.WithApiKey();
        using var events = await client.GetAsync("/navigation-events", HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(Token));

        using var upload = await orthanc!.Client.PostAsync("instances", new ByteArrayContent(await StudyWithAccessionAsync()), Token);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        Assert.Equal("event: navigate_to_report", await reader.ReadLineAsync(Token));
        var navigation = JsonNode.Parse((await reader.ReadLineAsync(Token))!["data: ".Length..])!;
        Assert.Equal("ORTHANC_" + Accession, (string?)navigation["technical_id"]);
        var found = await (await client.GetAsync($"/find-report?accession_number={Accession}", Token)).JsonAsync();
        Assert.Equal("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322", (string?)found["data"]!["study_instance_uid"]);
        // The script reads PatientID from the study's MainDicomTags; Orthanc keeps it in PatientMainDicomTags.
        Assert.Equal("", (string?)found["data"]!["patient_id"]);
        Assert.Equal("orthanc", (string?)found["data"]!["source_type"]);
    }

    /// <summary>pydicom's CT_small.dcm with an accession number (the script keys the report on it).</summary>
    private async Task<byte[]> StudyWithAccessionAsync()
    {
        var output = Path.Combine(directory, "ct.dcm");
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "import pydicom,sys; d=pydicom.dcmread(sys.argv[1]); d.AccessionNumber=sys.argv[3]; d.save_as(sys.argv[2])",
                     PydicomCorpus.File("CT_small.dcm"), output, Accession })
        {
            start.ArgumentList.Add(argument);
        }

        using var python = System.Diagnostics.Process.Start(start)!;
        var error = await python.StandardError.ReadToEndAsync(Token);
        await python.WaitForExitAsync(Token);
        Assert.True(python.ExitCode == 0,
            "pydicom not found: run `sudo eng/install-deps.sh` (apt-get install -y --no-install-recommends python3-pydicom)\n" + error);
        return await File.ReadAllBytesAsync(output, Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (orthanc is not null)
        {
            await orthanc.DisposeAsync();
        }

        if (api is not null)
        {
            await api.DisposeAsync();
        }

        Directory.Delete(directory, recursive: true);
    }
}
