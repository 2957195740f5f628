using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Airadcr.ReportApi.Tests.Infrastructure;

/// <summary>Request bodies and calls used across the contract tests.</summary>
public static class SampleReports
{
    /// <summary>The spec's example body of section 4.2, with the given technical id.</summary>
    public static JsonObject SpecExample(string technicalId) => new()
    {
        ["technical_id"] = technicalId,
        ["patient_id"] = "PAT123456",
        ["exam_uid"] = "1.2.840.113619.2.XXX.YYY.ZZZ",
        ["accession_number"] = "ACC2024001",
        ["study_instance_uid"] = "1.2.840.10008.5.1.4.1.1.2.XXX",
        ["structured"] = new JsonObject
        {
            ["title"] = "IRM Cérébrale",
            ["indication"] = "Céphalées chroniques depuis 3 mois, recherche de lésion",
            ["technique"] = "IRM 3T avec injection de gadolinium. Séquences T1, T2, FLAIR, diffusion",
            ["results"] = "Analyse IA TÉO Hub :\n- Volumétrie cérébrale : normale pour l'âge",
            ["conclusion"] = "",
        },
        ["source_type"] = "teo_hub",
        ["ai_modules"] = new JsonArray("brain_volumetry", "lesion_detection", "white_matter_analysis"),
        ["modality"] = "MR",
        ["metadata"] = new JsonObject { ["teo_version"] = "2.1.0", ["processing_time_ms"] = 1523, ["confidence_score"] = 0.94, ["site_id"] = "SITE_001" },
        ["expires_in_hours"] = 24,
    };

    /// <summary>The smallest valid body.</summary>
    public static JsonObject Minimal(string technicalId, string? accession = null, string? patient = null, string? exam = null)
    {
        var body = new JsonObject { ["technical_id"] = technicalId, ["structured"] = new JsonObject { ["title"] = "Radio Thorax" } };
        if (accession is not null)
        {
            body["accession_number"] = accession;
        }

        if (patient is not null)
        {
            body["patient_id"] = patient;
        }

        if (exam is not null)
        {
            body["exam_uid"] = exam;
        }

        return body;
    }

    public static HttpClient WithApiKey(this HttpClient client, string key = TestKeys.Api)
    {
        client.DefaultRequestHeaders.Remove("X-API-Key");
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    public static HttpClient WithAdminKey(this HttpClient client, string key = TestKeys.Admin)
    {
        client.DefaultRequestHeaders.Add("X-Admin-Key", key);
        return client;
    }

    public static Task<HttpResponseMessage> PostReportAsync(this HttpClient client, JsonNode body) =>
        client.PostAsJsonAsync("/pending-report", body, TestContext.Current.CancellationToken);

    public static HttpRequestMessage RawPost(string path, string content, string? apiKey = TestKeys.Api)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(content, System.Text.Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return request;
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
}
