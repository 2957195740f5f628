using System.Net.Http.Json;
using Airadcr.Audit;
using Airadcr.Audit.Verification;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests;

[Collection(nameof(GatewayCollection))]
public sealed class EmbeddedAuditTrailTests(EmbeddedGatewayHost gateway) : AuditTrailTests(gateway);

[Collection(nameof(ServerModeGatewayCollection))]
public sealed class ServerModeAuditTrailTests(ServerModeGatewayHost gateway) : AuditTrailTests(gateway);

/// <summary>
/// Issue 21, item 4 in the gateway: an association and what it stored are in the gateway's audit chain (one summary
/// per study, by calling AE, the study as a keyed hash), and so is a <c>/studies</c> fetch; the chain verifies.
/// </summary>
public abstract class AuditTrailTests(GatewayHost gateway)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_association_and_its_stores_are_audited_by_calling_ae_without_the_study_uid()
    {
        using var folder = new FixtureDirectory("audit-study");
        var files = SyntheticInstances.WriteStudy(folder.Path, 3);
        string study;
        using (var first = DicomFile.Open(files[0]))
        {
            study = first.Dataset.GetStringOrDefault(DicomTag.StudyInstanceUID)!;
        }

        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, Token, callingAe: "AUDIT_MOD")).EnsureSuccess();
        using var client = gateway.CreateClient();
        (await client.GetAsync($"/studies/{study}/instances", Token)).EnsureSuccessStatusCode();

        var subject = gateway.Services.GetRequiredService<AuditSubjects>().Study(study);
        var entries = await WaitForAsync(entries =>
            entries.Any(e => e.Action == "store" && e.Subject == subject) && entries.Any(e => e.Action == "GET /studies/{studyUid}/instances" && e.Subject == subject));

        var store = Assert.Single(entries, e => e.Action == "store" && e.Subject == subject);
        Assert.Equal("ae:AUDIT_MOD", store.Actor);
        Assert.StartsWith("3 instances (#", store.Detail);
        var association = store.Detail!["3 instances (".Length..^1];
        Assert.Contains(entries, e => e is { Action: "association-accepted", Actor: "ae:AUDIT_MOD" } && e.Detail!.StartsWith(association + " ", StringComparison.Ordinal));
        Assert.Contains(entries, e => e is { Action: "association-ended", Actor: "ae:AUDIT_MOD" }
            && e.Detail == $"{association} released: 3 instances stored, 1 studies, 0 refused");
        Assert.DoesNotContain(entries, e => $"{e.Actor}|{e.Action}|{e.Subject}|{e.Detail}".Contains(study, StringComparison.Ordinal));

        var verification = await client.GetFromJsonAsync<AuditVerificationReport>(AuditVerifyEndpoint.Path, AuditVerifyEndpoint.Json, Token);
        Assert.True(verification!.Ok, string.Join("; ", verification.Breaks.Select(b => b.Message)));
    }

    /// <summary>The chain once <paramref name="complete"/> holds (the gateway appends its queued entries in batches).</summary>
    private async Task<IReadOnlyList<AuditEntry>> WaitForAsync(Func<IReadOnlyList<AuditEntry>, bool> complete)
    {
        var store = gateway.Services.GetRequiredService<AuditTrail>().Store;
        while (true)
        {
            var entries = await store.ReadAsync(1, Token).ToListAsync(Token);
            if (complete(entries))
            {
                return entries;
            }
            await Task.Delay(100, Token);
        }
    }
}
