using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Audit;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Publishing;
using Airadcr.Reporting;
using Airadcr.Reporting.Model;
using Airadcr.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests;

/// <summary>One real Orthanc as the PACS of one gateway whose configured policy is <c>after-review</c>.</summary>
public abstract class PublishingFixture(GatewayMode mode) : IAsyncLifetime
{
    public OrthancServer Orthanc { get; } = new() { AeTitle = "PUBLISH_PACS" };

    public GatewayHost Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Orthanc.InitializeAsync();
        Gateway = new GatewayHost(mode, new Dictionary<string, string>
        {
            ["Gateway:Pacs:AeTitle"] = Orthanc.AeTitle,
            ["Gateway:Pacs:Host"] = "127.0.0.1",
            ["Gateway:Pacs:Port"] = Orthanc.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:PublishPolicy"] = PublishPolicies.AfterReview,
        });
        await Gateway.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Orthanc.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class EmbeddedPublishingFixture() : PublishingFixture(GatewayMode.Embedded);

public sealed class ServerModePublishingFixture() : PublishingFixture(GatewayMode.Server);

/// <summary>SQLite: writers queue (BEGIN IMMEDIATE).</summary>
public sealed class EmbeddedPublishingPolicyTests(EmbeddedPublishingFixture fixture)
    : PublishingPolicyTests(fixture), IClassFixture<EmbeddedPublishingFixture>;

/// <summary>PostgreSQL: the racing UPDATE waits on the row lock, then finds the decision taken.</summary>
public sealed class ServerModePublishingPolicyTests(ServerModePublishingFixture fixture)
    : PublishingPolicyTests(fixture), IClassFixture<ServerModePublishingFixture>;

/// <summary>
/// Issue 24, item 1: under <c>after-review</c> the AI SR and PDF stay in the gateway until the radiologist signs (then
/// they reach the PACS, a real Orthanc, with the signed report, marked reviewed) or rejects (nothing AI reaches it);
/// a decision is taken once (a racing second reviewer gets 409), a rejection after an <c>immediate</c> publication is
/// 409, an unknown study 404, a rejection without reason 422; each outcome is audited without the study UID.
/// </summary>
public abstract class PublishingPolicyTests(PublishingFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task Held_results_reach_the_pacs_only_with_the_signed_report_and_marked_reviewed()
    {
        var (study, aiSr, aiPdf) = await AnalysedAsync();
        Assert.Equal(StudyPublications.Held, await StateAsync(study));
        await QueueDrainedAsync();
        Assert.Empty(await PacsInstancesAsync(study));

        var signed = Signed(study, "DR^Relecteur");
        using var response = await SignAsync(study, signed);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"aiResults\":\"released\"", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var held = await PacsInstancesAsync(study, expected: 4);
        Assert.Equal(new[] { aiSr, aiPdf, Sop(signed.Sr), Sop(signed.Pdf) }.Order(), held.Keys.Order());
        var releasedSr = held[aiSr];
        Assert.Equal("VERIFIED", releasedSr.GetProperty("VerificationFlag").GetString());
        Assert.EndsWith(ReviewedResults.ReviewedSuffix, releasedSr.GetProperty("SeriesDescription").GetString(), StringComparison.Ordinal);
        Assert.Equal("DR^Relecteur", releasedSr.GetProperty("VerifyingObserverSequence")[0].GetProperty("VerifyingObserverName").GetString());
        Assert.EndsWith(ReviewedResults.ReviewedSuffix, held[aiPdf].GetProperty("SeriesDescription").GetString(), StringComparison.Ordinal);
        Assert.Equal(StudyPublications.Released, await StateAsync(study));
        await AuditedAsync("ai-results-signed", study, "ai results released");

        // The marking adds no dciodvfy error to the AI SR (Verifying Observer Sequence is what VERIFIED requires).
        var folder = StudyResults.Folder(Gateway.StoragePath, study, 1);
        Assert.Equal(await DciodvfyErrorsAsync(Path.Combine(folder, "ai-sr.dcm")), await DciodvfyErrorsAsync(Path.Combine(folder, "ai-sr-reviewed.dcm")));
    }

    [Fact]
    public async Task Two_reviewers_signing_at_once_publish_once_and_the_second_gets_409()
    {
        var (study, aiSr, aiPdf) = await AnalysedAsync();
        var first = Signed(study, "DR^Premier");
        var second = Signed(study, "DR^Second");

        var answers = await Task.WhenAll(SignAsync(study, first), SignAsync(study, second));

        Assert.Equal(new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }, answers.Select(a => a.StatusCode).Order());
        var winner = answers[0].StatusCode == HttpStatusCode.Accepted ? first : second;
        Assert.Contains("already signed", await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(Token),
            StringComparison.Ordinal);
        await QueueDrainedAsync();
        Assert.Equal(new[] { aiSr, aiPdf, Sop(winner.Sr), Sop(winner.Pdf) }.Order(), (await PacsInstancesAsync(study, expected: 4)).Keys.Order());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
        await AuditedAsync("ai-results-signed", study, "refused (409)");
    }

    [Fact]
    public async Task Rejected_results_never_reach_the_pacs_and_a_later_signature_is_409()
    {
        var (study, _, _) = await AnalysedAsync();
        using (var noReason = await RejectAsync(study, "  "))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            Assert.Contains("\"field\":\"reason\"", await noReason.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
        using (var unknown = await RejectAsync(DicomUidGenerator.New(), "faux positif"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var rejected = await RejectAsync(study, "Faux positif : cicatrice");

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(StudyPublications.Withheld, await StateAsync(study));
        using (var lateSignature = await SignAsync(study, Signed(study, "DR^Tardif")))
        {
            Assert.Equal(HttpStatusCode.Conflict, lateSignature.StatusCode);
            Assert.Contains("already rejected", await lateSignature.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
        using (var again = await RejectAsync(study, "encore"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        await QueueDrainedAsync();
        Assert.Empty(await PacsInstancesAsync(study));
        await AuditedAsync("ai-results-rejected", study, "ai results withheld, reason of 24 characters");
    }

    [Fact]
    public async Task Under_immediate_the_results_go_at_once_and_a_rejection_is_409_with_the_reason()
    {
        var client = Gateway.CreateClient();
        using (var invalid = await client.PutAsJsonAsync("/admin/publishing", new { policy = "sometimes" }, Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }
        using (var set = await client.PutAsJsonAsync("/admin/publishing", new { policy = PublishPolicies.Immediate }, Token))
        {
            set.EnsureSuccessStatusCode();
        }
        try
        {
            Assert.Contains("\"source\":\"admin\"", await client.GetStringAsync("/admin/publishing", Token), StringComparison.Ordinal);
            var (study, aiSr, aiPdf) = await AnalysedAsync();
            Assert.Equal(StudyPublications.SentImmediately, await StateAsync(study));

            using var rejected = await RejectAsync(study, "faux positif");

            Assert.Equal(HttpStatusCode.Conflict, rejected.StatusCode);
            Assert.Contains("already sent to the PACS", await rejected.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
            Assert.Equal(new[] { aiSr, aiPdf }.Order(), (await PacsInstancesAsync(study, expected: 2)).Keys.Order());
            await AuditedAsync("ai-results-rejected", study, "refused (409)");
        }
        finally
        {
            using var restore = await client.PutAsJsonAsync("/admin/publishing", new { policy = PublishPolicies.AfterReview }, Token);
            restore.EnsureSuccessStatusCode();
        }
    }

    /// <summary>What the analysis worker does once inference answered: artefacts in the job's results folder, then
    /// <see cref="StudyPublications.RecordResultsAsync"/> with the policy in force.</summary>
    private async Task<(string Study, string AiSr, string AiPdf)> AnalysedAsync()
    {
        var study = DicomUidGenerator.New();
        var artefacts = ReportArtefacts.Create(new ReportDocument
        {
            Study = new StudyContext { StudyInstanceUid = study, PatientId = "PUBLISH1", PatientName = "PUBLIÉ^Test", Modality = "CT" },
            Text = new ReportText("Scanner thoracique", "Contrôle", "Hélicoïdal", "Nodule de 6 mm.", "À contrôler."),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        var folder = StudyResults.Folder(Gateway.StoragePath, study, 1);
        await artefacts.SaveAsync(folder, signed: false, Token);
        var policy = await Gateway.Services.GetRequiredService<PublishingPolicyStore>().CurrentAsync(Token);
        await Gateway.Services.GetRequiredService<StudyPublications>().RecordResultsAsync(study, folder, policy.Policy, Token);
        return (study, Sop(artefacts.StructuredReport), Sop(artefacts.EncapsulatedPdf));
    }

    private static (DicomFile Sr, DicomFile Pdf) Signed(string study, string radiologist)
    {
        var artefacts = ReportArtefacts.Create(new ReportDocument
        {
            Study = new StudyContext { StudyInstanceUid = study, PatientId = "PUBLISH1", PatientName = "PUBLIÉ^Test", Modality = "CT" },
            Text = new ReportText("Scanner thoracique", "Contrôle", "Hélicoïdal", "Nodule de 6 mm.", "À contrôler."),
            Signature = new ReportSignature(radiologist, DateTimeOffset.UtcNow, "CHU Test"),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        return (artefacts.StructuredReport, artefacts.EncapsulatedPdf);
    }

    private async Task<HttpResponseMessage> SignAsync(string study, (DicomFile Sr, DicomFile Pdf) signed)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, file) in new[] { ("sr", signed.Sr), ("pdf", signed.Pdf) })
        {
            var part = new ByteArrayContent(DicomFileWriter.ToArray(file, file.TransferSyntax));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            form.Add(part, name, name + ".dcm");
        }
        return await Gateway.CreateClient().PostAsync($"/studies/{study}/signed-report", form, Token);
    }

    private Task<HttpResponseMessage> RejectAsync(string study, string reason) =>
        Gateway.CreateClient().PostAsJsonAsync("/admin/publishing/rejections", new { studyInstanceUid = study, reason }, Token);

    private async Task<string?> StateAsync(string study)
    {
        using var response = await Gateway.CreateClient().PostAsJsonAsync("/admin/publishing/study", new { studyInstanceUid = study }, Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("state").GetString();
    }

    /// <summary>Every queued file was sent (the PACS answered for each).</summary>
    private async Task QueueDrainedAsync()
    {
        var queue = Gateway.Services.GetRequiredService<Pacs.PacsSendQueue>();
        while (await queue.PendingCountAsync(Token) > 0)
        {
            await Task.Delay(100, Token);
        }
    }

    /// <summary>The study's instances in Orthanc by SOP Instance UID (simplified tags), once <paramref name="expected"/> are there.</summary>
    private async Task<Dictionary<string, JsonElement>> PacsInstancesAsync(string study, int expected = 0)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var found = await fixture.Orthanc.Client.PostAsJsonAsync("/tools/find",
                new Dictionary<string, object>
            {
                ["Level"] = "Instance", ["Query"] = new Dictionary<string, string> { ["StudyInstanceUID"] = study }, ["Expand"] = true,
            }, Token);
            found.EnsureSuccessStatusCode();
            var ids = (await found.Content.ReadFromJsonAsync<JsonElement>(Token)).EnumerateArray().Select(i => i.GetProperty("ID").GetString()!).ToList();
            if (ids.Count >= expected || deadline.IsCancellationRequested)
            {
                var instances = new Dictionary<string, JsonElement>();
                foreach (var id in ids)
                {
                    var tags = await fixture.Orthanc.Client.GetFromJsonAsync<JsonElement>($"/instances/{id}/simplified-tags", Token);
                    instances[tags.GetProperty("SOPInstanceUID").GetString()!] = tags;
                }
                return instances;
            }
            await Task.Delay(200, Token);
        }
    }

    private async Task AuditedAsync(string action, string study, string detail)
    {
        var entries = await Gateway.Services.GetRequiredService<AuditTrail>().Store.ReadAsync(1, Token).ToListAsync(Token);
        var subject = Gateway.Services.GetRequiredService<AuditSubjects>().Study(study);
        Assert.Contains(entries, e => e.Action == action && e.Subject == subject && (e.Detail ?? "").Contains(detail, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => $"{e.Subject} {e.Detail}".Contains(study, StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> DciodvfyErrorsAsync(string path)
    {
        var result = await ExternalTool.RunAsync("dciodvfy", "dicom3tools", [path], Token);
        return [.. (result.StandardOutput + result.StandardError).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Order()];
    }

    private static string Sop(DicomFile file) => file.Dataset.GetString(DicomTag.SOPInstanceUID);
}
