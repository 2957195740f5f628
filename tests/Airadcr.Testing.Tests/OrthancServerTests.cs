using System.Net;
using System.Text.Json;

namespace Airadcr.Testing.Tests;

[Collection(nameof(OrthancCollection))]
public sealed class OrthancServerTests(OrthancServer orthanc)
{
    [Fact]
    public async Task System_endpoint_answers_with_version_1_10()
    {
        using var system = JsonDocument.Parse(await orthanc.Client.GetStringAsync("system", TestContext.Current.CancellationToken));
        Assert.StartsWith("1.10", system.RootElement.GetProperty("Version").GetString());
        Assert.Equal(orthanc.AeTitle, system.RootElement.GetProperty("DicomAet").GetString());
    }

    [Fact]
    public async Task Rest_api_requires_the_generated_credentials()
    {
        using var anonymous = new HttpClient { BaseAddress = orthanc.BaseAddress };
        var response = await anonymous.GetAsync("system", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Answers_c_echo_from_echoscu()
    {
        var result = await DcmtkTools.EchoAsync(orthanc.AeTitle, orthanc.DicomPort, TestContext.Current.CancellationToken);
        result.EnsureSuccess();
    }

    [Fact]
    public async Task Stored_instance_appears_in_dicomweb_qido()
    {
        var ct = TestContext.Current.CancellationToken;
        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();

        var response = await orthanc.Client.GetAsync("dicom-web/studies", ct);
        response.EnsureSuccessStatusCode();
        using var studies = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var studyUids = studies.RootElement.EnumerateArray()
            .Select(study => study.GetProperty("0020000D").GetProperty("Value")[0].GetString());
        Assert.Contains("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322", studyUids);
    }

    [Fact]
    public async Task Answers_c_find_from_findscu_and_dcm2json_reads_what_it_stores()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = PydicomCorpus.File("CT_small.dcm");
        (await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort, [file], ct)).EnsureSuccess();

        var find = (await DcmtkTools.FindAsync(orthanc.AeTitle, orthanc.DicomPort,
            ["QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.3.6.1.4.1.5962.1.2.1.20040119072730.12322"], ct)).EnsureSuccess();
        Assert.Contains("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322", find.StandardError + find.StandardOutput);

        var json = (await DcmtkTools.Dcm2JsonAsync(file, ct)).EnsureSuccess();
        using var dataset = JsonDocument.Parse(json.StandardOutput);
        Assert.Equal("CT", dataset.RootElement.GetProperty("00080060").GetProperty("Value")[0].GetString());
    }
}
