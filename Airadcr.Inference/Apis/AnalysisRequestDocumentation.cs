using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Airadcr.Inference.Apis;

/// <summary>
/// The request body of <c>POST /v1/analyses</c> in the OpenAPI document. Described here rather than with
/// <c>Accepts</c> metadata, which would also make routing answer other content types with a bare 415.
/// </summary>
internal static class AnalysisRequestDocumentation
{
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var models = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = "Model ids to run; default: every served model that accepts a series' modality",
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "studyInstanceUid" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["studyInstanceUid"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Study held by the DICOM gateway" },
                            ["models"] = models,
                        },
                    },
                },
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["instances"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Array,
                                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                                Description = "DICOM Part 10 instances (any field name)",
                            },
                            ["models"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Comma-separated model ids (optional)" },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
