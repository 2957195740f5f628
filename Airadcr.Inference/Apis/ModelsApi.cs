using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Airadcr.Inference.Apis;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("v1/models").WithTags("Models")
            .MapGet("", ListModels)
            .WithName("ListModels")
            .WithSummary("Served models, and the manifests in the models folder that could not be served");
        return app;
    }

    public static Ok<ModelList> ListModels(ModelCatalog catalog, ExecutionProvider provider) =>
        TypedResults.Ok(new ModelList(
            provider.Name,
            catalog.Models.OrderBy(m => m.Manifest.Id, StringComparer.Ordinal).Select(m => ModelDescription.From(m.Manifest)).ToList(),
            catalog.Problems));
}

/// <summary>Response of <c>GET /v1/models</c>.</summary>
public sealed record ModelList(string ExecutionProvider, IReadOnlyList<ModelDescription> Models, IReadOnlyList<CatalogProblem> Problems);

/// <summary>A served model as clients see it.</summary>
public sealed record ModelDescription(
    string Id, string Version, IReadOnlyList<string> Modalities, string? BodyPart, string? Description,
    TensorSpec Input, Preprocessing Preprocessing, OutputDecoding Decoding)
{
    public static ModelDescription From(ModelManifest m) =>
        new(m.Id, m.Version, m.Modalities, m.BodyPart, m.Description, m.Input, m.Preprocessing, m.Decoding);
}
