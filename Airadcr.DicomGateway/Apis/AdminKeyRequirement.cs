using System.Net;
using System.Security.Cryptography;
using System.Text;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Apis;

/// <summary>
/// Who may use <c>/admin/*</c>: with <c>Gateway:AdminKey</c> set, callers presenting it in <c>X-Admin-Key</c>
/// (compared in constant time); without one, only loopback callers of a service that listens on loopback alone
/// (listening beyond loopback makes the key mandatory: the admin API is refused until one is configured).
/// </summary>
public sealed class AdminKeyRequirement(IOptions<GatewayOptions> options, IServer server, ILogger<AdminKeyRequirement> logger)
{
    public const string HeaderName = "X-Admin-Key";

    private readonly byte[]? _expectedHash = options.Value.AdminKey is { Length: > 0 } key ? Hash(key) : null;
    private readonly Lazy<bool> _listensBeyondLoopback = new(() => ListensBeyondLoopback(server));

    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (_expectedHash is not null)
        {
            var presented = http.Request.Headers[HeaderName].ToString();
            if (presented.Length > 0 && CryptographicOperations.FixedTimeEquals(_expectedHash, Hash(presented)))
            {
                return await next(context);
            }
            logger.AdminRefused(http.Request.Path, "missing or invalid admin key");
            return TypedResults.Json(new ApiError("Invalid or missing admin key", "X-Admin-Key"), statusCode: StatusCodes.Status401Unauthorized);
        }
        if (!_listensBeyondLoopback.Value && (http.Connection.RemoteIpAddress is null || IPAddress.IsLoopback(http.Connection.RemoteIpAddress)))
        {
            return await next(context);
        }
        logger.AdminRefused(http.Request.Path, "no admin key configured and the service listens beyond loopback");
        return TypedResults.Json(new ApiError("The admin API needs Gateway:AdminKey when the service listens beyond loopback", "X-Admin-Key"),
            statusCode: StatusCodes.Status403Forbidden);
    }

    /// <summary>Any listening address that is not loopback (0.0.0.0, [::], *, +, a host name other than localhost, an interface address).</summary>
    internal static bool ListensBeyondLoopback(IServer server) =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Any(address =>
        {
            var host = BindingAddress.Parse(address).Host;
            return !(host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                     || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
        });

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}

public static class AdminKeyRequirementExtensions
{
    /// <summary>Endpoints that change or expose the gateway's state answer only callers <see cref="AdminKeyRequirement"/> admits.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<AdminKeyRequirement>().FilterAsync(context, next));
}
