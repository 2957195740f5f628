using Airadcr.ReportApi.Apis;

namespace Airadcr.ReportApi.Security;

/// <summary>
/// Who sent a request, resolved once before the rate limiter: its bucket (a valid key's own, the client IP's for
/// requests without a key, the client IP's failed-authentication bucket for wrong keys) and whether its
/// X-API-Key is valid (reused by the endpoint's key check).
/// </summary>
public sealed record CallerIdentity(string Partition, bool ApiKeyValid)
{
    public static async Task<CallerIdentity> ResolveAsync(HttpContext context)
    {
        var apiKey = context.Request.Headers[ApiKeyRequirement.ApiKeyHeader].ToString();
        var adminKey = context.Request.Headers[ApiKeyRequirement.AdminKeyHeader].ToString();
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var apiKeyValid = apiKey.Length > 0 && await context.RequestServices.GetRequiredService<ApiKeyService>()
            .IsValidAsync(apiKey, context.RequestAborted);
        var partition = (apiKeyValid, apiKey.Length > 0, adminKey.Length > 0) switch
        {
            (true, _, _) => "api-key:" + ApiKeyFormat.Hash(apiKey),
            (_, _, true) when ApiKeyRequirement.IsAdmin(context) => "admin-key",
            (_, true, _) or (_, _, true) => "failed-auth:" + client,
            _ => "ip:" + client,
        };
        return new CallerIdentity(partition, apiKeyValid);
    }
}
