using Airadcr.DicomGateway.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Archives;

/// <summary>
/// Registers <c>Gateway:Archives:Seed</c> at start-up, before the API answers: an archive of a seed's name is added,
/// or its address, role and credentials refreshed (the enabled flag an admin set stays). Running it again changes nothing.
/// </summary>
public sealed partial class ArchiveSeeding(ArchiveRegistry registry, ArchiveCredentialSealer sealer, ArchiveAudit audit,
    IOptions<GatewayOptions> options, ILogger<ArchiveSeeding> logger) : IHostedService
{
    private const string Actor = "config";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var configured in options.Value.Archives.Seed)
        {
            var seed = configured;
            if (seed.Credentials is not null && !sealer.Available)
            {
                // Server mode without a data key: the archive is registered, its credentials are not (nowhere to seal them).
                LogSeeded(logger, seed.Name, "credentials ignored: Gateway:Research:DataKey is not set");
                seed = new ArchiveSeed
                {
                    Name = seed.Name, AeTitle = seed.AeTitle, Host = seed.Host, Port = seed.Port, DicomWebBaseUrl = seed.DicomWebBaseUrl, Role = seed.Role,
                    Enabled = seed.Enabled,
                };
            }
            if (ArchiveValidation.Problem(seed.ToDefinition("seed")) is { } problem)
            {
                throw new InvalidOperationException($"Gateway:Archives:Seed '{seed.Name}': {problem.Message} ({problem.Field})");
            }
            if (await registry.FindByNameAsync(seed.Name.Trim(), cancellationToken) is { } existing)
            {
                var wanted = seed.ToDefinition(existing.Id) with { Enabled = existing.Enabled, HasCredentials = seed.Credentials is not null };
                if (wanted != existing)
                {
                    await registry.UpdateAsync(wanted, cancellationToken);
                    await registry.SetCredentialsAsync(existing.Id, seed.Credentials, cancellationToken);
                    await audit.ChangedAsync(Actor, "archive-updated", existing.Id, "from configuration", cancellationToken);
                    LogSeeded(logger, seed.Name, "updated");
                }
                else if (seed.Credentials is { } credentials && await registry.GetCredentialsAsync(existing.Id, cancellationToken) != credentials)
                {
                    await registry.SetCredentialsAsync(existing.Id, credentials, cancellationToken);
                    await audit.ChangedAsync(Actor, "archive-credentials-set", existing.Id, "from configuration", cancellationToken);
                    LogSeeded(logger, seed.Name, "credentials updated");
                }
                continue;
            }
            var added = await registry.AddAsync(seed.ToDefinition(""), seed.Credentials, cancellationToken);
            await audit.ChangedAsync(Actor, "archive-added", added.Id, $"{ArchiveRegistry.RoleText(added.Role)} from configuration", cancellationToken);
            LogSeeded(logger, seed.Name, "added");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Archive {Name} from configuration: {Outcome}")]
    private static partial void LogSeeded(ILogger logger, string name, string outcome);
}
