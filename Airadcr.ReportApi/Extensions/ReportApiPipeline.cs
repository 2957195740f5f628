using System.Data.Common;
using Airadcr.Audit.Verification;
using Airadcr.ReportApi.Auditing;
using Airadcr.ReportApi.Apis;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.TeoHub;
using Airadcr.ReportApi.Worklist;
using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;

namespace Airadcr.ReportApi;

public static class ReportApiPipeline
{
    /// <summary>Errors in the spec's shape (never a stack trace), every call audited, foreign origins refused, then the rate limiter.</summary>
    public static WebApplication UseReportApi(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (error is not null)
            {
                app.Logger.UnhandledError(context.Request.Path, error);
            }

            var message = error is DbException ? "Database error: " + error.GetType().Name : "Internal server error";
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new ApiError(message), context.RequestAborted);
        }));
        app.UseRequestAudit();
        app.UseOriginCheck();
        app.UseClientRateLimiting();
        return app;
    }

    /// <summary>Every endpoint of the AIRADCR Desktop API v2.0, plus the navigation stream.</summary>
    public static WebApplication MapReportApi(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapPendingReportApi();
        app.MapOpenReportApi();
        app.MapApiKeysApi();
        app.MapNavigationApi();
        app.MapReportListApi();
        app.MapApprovedReportApi();
        app.MapReviewApi();
        // Internal (not in the spec, not in the OpenAPI document): the audit chain's verification for the Web's admin page.
        app.MapAuditVerify().RequireAdminKey().ExcludeFromDescription();
        return app;
    }

    /// <summary>OpenAPI document and Scalar UI at /scalar, in Development only.</summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app;
    }
}
