using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Tests.Http;

namespace Airadcr.Inference.Tests.Dicom;

public sealed class ConcurrencyTests(ShippedApi api)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Thirty_two_parallel_requests_give_the_same_findings_as_sequential_ones()
    {
        var client = api.Factory.CreateClient();
        var studies = new[] { StudyUploads.ChestCt, StudyUploads.BrainMr };
        var sequential = new List<string>();
        foreach (var study in studies)
        {
            sequential.Add(await FindingsAsync(client, study));
        }

        var parallel = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => FindingsAsync(client, studies[i % 2])));

        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(sequential[i % 2], parallel[i]);
        }
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_Retry_After_and_the_admitted_requests_still_succeed()
    {
        await using var factory = new InferenceApiFactory(settings: new Dictionary<string, string> { ["Inference:QueueCapacity"] = "1" });
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync("/v1/analyses",
            StudyUploads.Form(StudyUploads.ChestCt, "ct-nodule-candidates"), TestContext.Current.CancellationToken)));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.Equal("2", refused[0].Headers.RetryAfter?.ToString());
        await AnalysisRequestTests.AssertProblem(refused[0], HttpStatusCode.ServiceUnavailable, "queue-full");
        Assert.All(responses.Except(refused), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
    }

    private static async Task<string> FindingsAsync(HttpClient client, IReadOnlyList<(string Name, byte[] Bytes)> study)
    {
        using var form = StudyUploads.Form(study);
        var response = await client.PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<AnalysisResult>(Json, TestContext.Current.CancellationToken);
        Assert.NotEmpty(result!.Findings);
        return JsonSerializer.Serialize(result.Findings, Json);
    }
}
