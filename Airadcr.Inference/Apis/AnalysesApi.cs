using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Runtime;
using Airadcr.Inference.Studies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Airadcr.Inference.Apis;

public static class AnalysesApi
{
    public static IEndpointRouteBuilder MapAnalysesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("v1/analyses").WithTags("Analyses")
            .MapPost("", Analyze)
            .WithName("Analyze")
            .WithSummary("Run the models over a study: uploaded DICOM instances (multipart/form-data, field 'models' optional) or a study reference (JSON)")
            .AddOpenApiOperationTransformer(AnalysisRequestDocumentation.Describe)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Ok<AnalysisResult>, ProblemHttpResult>> Analyze(
        HttpContext context, [AsParameters] AnalysisServices services, CancellationToken cancellationToken)
    {
        try
        {
            var (instances, models) = await ReadRequestAsync(context.Request, services.Gateway, cancellationToken);
            var volumes = services.Reader.Read(instances);
            return TypedResults.Ok(await services.Analyzer.AnalyzeAsync(volumes, models, cancellationToken));
        }
        catch (AnalysisRejectedException e)
        {
            return TypedResults.Problem(AnalysisProblems.From(e));
        }
        catch (InferenceQueueFullException e)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(AnalysisProblems.From(e));
        }
        catch (UnsupportedContentTypeException)
        {
            return TypedResults.Problem(AnalysisProblems.UnsupportedMediaType(context.Request.ContentType));
        }
    }

    private static async Task<(IReadOnlyCollection<StoredInstance>, IReadOnlyList<string>?)> ReadRequestAsync(
        HttpRequest request, GatewayStudyClient gateway, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var models = form["models"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var instances = new List<StoredInstance>(form.Files.Count);
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, cancellationToken);
                instances.Add(new StoredInstance(string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName, buffer.ToArray()));
            }

            return (instances, models.Count > 0 ? models : null);
        }

        if (request.HasJsonContentType())
        {
            AnalysisRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<AnalysisRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new AnalysisRejectedException(AnalysisRejection.InvalidRequest, "the JSON body is not valid: " + e.Message, e);
            }

            if (string.IsNullOrWhiteSpace(body?.StudyInstanceUid))
            {
                throw new AnalysisRejectedException(AnalysisRejection.InvalidRequest, "studyInstanceUid is required");
            }

            return (await gateway.FetchAsync(body.StudyInstanceUid, cancellationToken), body.Models);
        }

        throw new UnsupportedContentTypeException(request.ContentType);
    }

    private sealed class UnsupportedContentTypeException(string? contentType) : Exception(contentType);
}

/// <summary>What <c>POST /v1/analyses</c> needs.</summary>
public sealed record AnalysisServices(StudyReader Reader, StudyAnalyzer Analyzer, GatewayStudyClient Gateway);
