using Airadcr.AppHost.Run;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Airadcr.AppHost.Servers;

/// <summary>
/// Redis from Debian's <c>redis-server</c> as an Aspire executable: loopback only, no persistence (a cache and a job
/// stream whose truth is in the databases), its password in an owner-only configuration file (not on the command
/// line). Connection strings have the format of Aspire's <c>AddRedis</c>.
/// </summary>
public sealed class RedisExecutableResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ParameterResource PasswordParameter => password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}

public static class RedisExecutableExtensions
{
    public static IResourceBuilder<RedisExecutableResource> AddRedisExecutable(
        this IDistributedApplicationBuilder builder, string name, ServerPrograms programs, RunFolder run)
    {
        var directory = run.DirectoryOf(name);
        var password = builder.AddParameter($"{name}-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true);
        var resource = new RedisExecutableResource(name, programs["redis-server"]!, directory, password.Resource);
        var configuration = Path.Combine(directory, "redis.conf");
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new(healthCheck, _ => new RedisPing(resource), null, null));
        return builder.AddResource(resource)
            .WithEndpoint(name: RedisExecutableResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add(configuration);
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheck)
            .OnBeforeResourceStarted(async (redis, _, ct) =>
            {
                var secret = await redis.PasswordParameter.GetValueAsync(ct);
                var text = $"bind 127.0.0.1\nprotected-mode yes\nsave \"\"\nappendonly no\ndir {directory}\nrequirepass {secret}\n";
                OwnerOnlyFile.Write(configuration, text);
            });
    }

    /// <summary>Healthy when the resource answers PING.</summary>
    private sealed class RedisPing(IResourceWithConnectionString resource) : IHealthCheck, IDisposable
    {
        private ConnectionMultiplexer? _connection;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                _connection ??= await ConnectionMultiplexer.ConnectAsync(
                    await resource.ConnectionStringExpression.GetValueAsync(cancellationToken) + ",abortConnect=false,connectTimeout=2000");
                await _connection.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (RedisException error)
            {
                return HealthCheckResult.Unhealthy(error.Message);
            }
        }

        public void Dispose() => _connection?.Dispose();
    }
}
