using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Stow;
using Airadcr.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests.Stow;

[Collection(nameof(GatewayCollection))]
public sealed class EmbeddedStowTests(EmbeddedGatewayHost gateway) : StowTests(gateway);

[Collection(nameof(ServerModeGatewayCollection))]
public sealed class ServerModeStowTests(ServerModeGatewayHost gateway) : StowTests(gateway);

/// <summary>STOW-RS into the gateway: stored like a C-STORE (same files, index, study assembly), each bad part refused
/// with its reason while the rest of the request goes on.</summary>
public abstract class StowTests(GatewayHost gateway) : IDisposable
{
    private readonly FixtureDirectory _files = new("stow");

    public void Dispose() => _files.Dispose();

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Instances_of_several_syntaxes_are_stored_as_sent_indexed_with_their_uploader_and_assembled_into_a_study()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = DicomUidGenerator.New();
        // Uncompressed CT, JPEG 2000 MR, RLE 16-bit RGB secondary capture, explicit big endian MR: one new study.
        var paths = new[] { "CT_small.dcm", "MR_small_jp2klossless.dcm", "SC_rgb_rle_16bit.dcm", "MR_small_bigendian.dcm" }
            .Select((template, i) => Rewrite(template, study, $"{i}.dcm")).ToArray();
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dicom-web/studies") { Content = StowRequests.Files(paths) };
        request.Headers.Add(StowApi.UploaderHeader, "dr.martin");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType!.MediaType);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        var referenced = answer["00081199"]!["Value"]!.AsArray();
        Assert.Equal(paths.Select(Sop).Order(), referenced.Select(r => r!["00081155"]!["Value"]![0]!.GetValue<string>()).Order());
        Assert.Null(answer["00081198"]?["Value"]);

        var index = gateway.Services.GetRequiredService<InstanceIndex>();
        foreach (var path in paths)
        {
            var stored = await index.GetInstancePathAsync(study, Sop(path), ct);
            Assert.Equal(await File.ReadAllBytesAsync(path, ct), await File.ReadAllBytesAsync(stored!, ct));
        }
        var instances = await client.GetFromJsonAsync<List<InstanceSummary>>($"/studies/{study}/instances", ct);
        Assert.Equal(4, instances!.Count);
        await WaitAsync(async () => (await index.GetStudyAsync(study, ct))?.State == "complete", "the uploaded study assembled", ct);
        Assert.Equal($"{StowApi.Source}:dr.martin", await SourceAsync(study, ct));
        Assert.Empty(Directory.GetFiles(Path.Combine(gateway.StoragePath, ".incoming"), "stow-*"));
    }

    [Fact]
    public async Task Each_bad_part_is_rejected_with_its_reason_and_the_good_ones_are_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = DicomUidGenerator.New();
        var good = Rewrite("CT_small.dcm", study, "good.dcm");
        var noSop = Rewrite("MR_small.dcm", study, "nosop.dcm", dataset => dataset.Remove(DicomTag.SOPInstanceUID));
        var truncated = File.ReadAllBytes(good).AsSpan(0, 100).ToArray();
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dicom-web/studies")
        {
            Content = StowRequests.Body(
                (Encoding.UTF8.GetBytes("not an image"), "text/plain"),
                (Encoding.UTF8.GetBytes("PK\u0003\u0004 a zip, not DICOM"), "application/dicom"),
                (File.ReadAllBytes(noSop), "application/dicom"),
                (truncated, "application/dicom"),
                (File.ReadAllBytes(good), "application/dicom")),
        };
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<StowResponse>(Web, ct))!;
        Assert.Equal([StowPartResult.Rejected, StowPartResult.Rejected, StowPartResult.Rejected, StowPartResult.Rejected, StowPartResult.Stored],
            answer.Results.Select(r => r.Outcome));
        Assert.Contains("text/plain", answer.Results[0].Reason);
        Assert.Contains("not a DICOM file", answer.Results[1].Reason);
        Assert.Contains("SOP Instance UID", answer.Results[2].Reason);
        Assert.All(answer.Results.Take(4), r => Assert.NotNull(r.FailureReason));
        var instances = await client.GetFromJsonAsync<List<InstanceSummary>>($"/studies/{study}/instances", ct);
        Assert.Equal(Sop(good), Assert.Single(instances!).SopInstanceUid);
    }

    [Fact]
    public async Task A_second_upload_of_the_same_instance_keeps_the_first_copy_and_says_duplicate()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Rewrite("CT_small.dcm", DicomUidGenerator.New(), "dup.dcm");
        using var client = gateway.CreateClient();
        var first = await PostJsonAsync(client, "/dicom-web/studies", StowRequests.Files(path), ct);
        var second = await PostJsonAsync(client, "/dicom-web/studies", StowRequests.Files(path), ct);

        Assert.Equal(StowPartResult.Stored, Assert.Single(first.Results).Outcome);
        Assert.Equal(StowPartResult.Duplicate, Assert.Single(second.Results).Outcome);
    }

    [Fact]
    public async Task Into_a_named_study_an_instance_of_another_study_is_refused_with_409()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Rewrite("CT_small.dcm", DicomUidGenerator.New(), "other.dcm");
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync($"/dicom-web/studies/{DicomUidGenerator.New()}", StowRequests.Files(path), ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var failed = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["00081198"]!["Value"]![0]!;
        Assert.Equal(0xA900, failed["00081197"]!["Value"]![0]!.GetValue<int>());
        Assert.Equal(Sop(path), failed["00081155"]!["Value"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_cut_halfway_keeps_the_whole_parts_and_leaves_nothing_of_the_cut_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = DicomUidGenerator.New();
        var whole = Rewrite("CT_small.dcm", study, "whole.dcm");
        var cut = Rewrite("MR_small.dcm", study, "cut.dcm");
        var cutBytes = File.ReadAllBytes(cut);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dicom-web/studies")
        {
            Content = StowRequests.CutShort(File.ReadAllBytes(whole), cutBytes, cutBytes.Length / 2),
        };
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<StowResponse>(Web, ct))!;
        Assert.Equal([StowPartResult.Stored, StowPartResult.Rejected], answer.Results.Select(r => r.Outcome));
        var instances = await client.GetFromJsonAsync<List<InstanceSummary>>($"/studies/{study}/instances", ct);
        Assert.Equal(Sop(whole), Assert.Single(instances!).SopInstanceUid);
        Assert.Empty(Directory.GetFiles(gateway.StoragePath, Sop(cut) + ".dcm", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("application/dicom", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("multipart/related; type=\"application/dicom+xml\"; boundary=x", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("multipart/related; type=\"application/dicom\"", HttpStatusCode.BadRequest)]
    [InlineData("multipart/related; type=\"application/dicom\"; boundary=other-boundary", HttpStatusCode.BadRequest)]
    public async Task A_wrong_content_type_or_boundary_gets_a_problem_and_stores_nothing(string contentType, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var study = DicomUidGenerator.New();
        var body = new ByteArrayContent(await StowRequests.Files(Rewrite("CT_small.dcm", study, "x.dcm")).ReadAsByteArrayAsync(ct));
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/dicom-web/studies", body, ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/studies/{study}", ct)).StatusCode);
    }

    private static async Task<StowResponse> PostJsonAsync(HttpClient client, string path, HttpContent body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request, ct);
        return (await response.Content.ReadFromJsonAsync<StowResponse>(Web, ct))!;
    }

    private async Task<string?> SourceAsync(string study, CancellationToken ct)
    {
        var database = gateway.Services.GetRequiredService<GatewayDatabase>();
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT i.calling_ae FROM instances i JOIN series s ON s.series_uid = i.series_uid WHERE s.study_uid = @study";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "study";
        parameter.Value = study;
        command.Parameters.Add(parameter);
        return (string?)await command.ExecuteScalarAsync(ct);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>A corpus file put into <paramref name="study"/> under a new series and SOP Instance UID.</summary>
    private string Rewrite(string template, string study, string name, Action<DicomDataset>? change = null)
    {
        using var file = DicomFile.Open(PydicomCorpus.File(template));
        file.Dataset.Add(DicomTag.StudyInstanceUID, study);
        file.Dataset.Add(DicomTag.SeriesInstanceUID, DicomUidGenerator.New());
        file.Dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
        change?.Invoke(file.Dataset);
        var path = _files.Combine(name);
        file.Save(path, file.TransferSyntax);
        return path;
    }

    private static string Sop(string path)
    {
        using var file = DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true });
        return file.Dataset.GetStringOrDefault(DicomTag.SOPInstanceUID)!;
    }
}
