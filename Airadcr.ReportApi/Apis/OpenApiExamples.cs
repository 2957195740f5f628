using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Airadcr.ReportApi.Apis;

/// <summary>
/// Request bodies and examples of the spec in the OpenAPI document. The JSON bodies are read by hand (for the
/// spec's 400/413 errors), so the document learns their schema here rather than from parameter binding.
/// </summary>
public static class OpenApiExamples
{
    private const string StoreExample = """
        {"technical_id": "TEO_2024_12345", "patient_id": "PAT123456", "exam_uid": "1.2.840.113619.2.XXX.YYY.ZZZ",
         "accession_number": "ACC2024001", "study_instance_uid": "1.2.840.10008.5.1.4.1.1.2.XXX",
         "structured": {"title": "IRM Cérébrale", "indication": "Céphalées chroniques", "technique": "IRM 3T",
                        "results": "Analyse IA TÉO Hub : aucune lésion suspecte", "conclusion": ""},
         "source_type": "teo_hub", "ai_modules": ["brain_volumetry", "lesion_detection"], "modality": "MR",
         "metadata": {"teo_version": "2.1.0", "confidence_score": 0.94}, "expires_in_hours": 24}
        """;

    private const string CreateKeyExample = """{"name": "TÉO Hub Production"}""";

    public static OpenApiOptions AddSpecExamples(this OpenApiOptions options)
    {
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var (type, example) = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName switch
            {
                "StorePendingReport" => (typeof(PendingReportRequest), StoreExample),
                "CreateApiKey" => (typeof(CreateApiKeyRequest), CreateKeyExample),
                _ => (null, null),
            };
            if (type is null || example is null)
            {
                return;
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken),
                        Example = JsonNode.Parse(example),
                    },
                },
            };
        });
        return options;
    }
}
