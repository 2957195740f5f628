using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.Audit.Verification;

/// <summary>
/// <c>audit verify</c>, the same command in every service's executable: verifies the chain of the database the service
/// is configured with (and its export file), prints OK or each break, exits 0 (intact) or 1 (broken).
/// </summary>
public static class AuditVerifyCommand
{
    public static bool IsRequested(string[] args) => args is ["audit", "verify", ..];

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
        var service = services.GetRequiredService<Checkpoints.AuditServiceName>().Name;
        await output.WriteLineAsync(Describe(service, result));
        foreach (var found in result.Breaks)
        {
            await output.WriteLineAsync($"  seq {found.Seq}: {found.Kind}: {found.Message}");
        }
        return result.Ok ? 0 : 1;
    }

    /// <summary>One line: OK or BROKEN, how many entries, the head and the latest valid checkpoint.</summary>
    public static string Describe(string service, AuditVerification result)
    {
        var checkpoint = result.LatestCheckpoint is { } c ? $"latest checkpoint seq {c.Seq} at {c.Time:u}" : "no checkpoint yet";
        return $"{service} audit chain: {(result.Ok ? "OK" : $"BROKEN ({result.Breaks.Count} breaks)")}, {result.Entries} entries, "
            + $"head seq {result.Head?.Seq ?? 0}, {checkpoint}";
    }
}
