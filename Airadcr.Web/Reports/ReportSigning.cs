using Airadcr.Reporting;
using Airadcr.Reporting.Model;
using Airadcr.Web.Configuration;
using Airadcr.Web.Data;
using Airadcr.Web.Gateway;
using Airadcr.Web.ReportApi;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Reports;

/// <summary>
/// Signing: the final text becomes a signed SR (TID 2000) and a PDF with <see cref="ReportArtefacts"/>; both are
/// kept under the data directory (PDF download) and sent to the PACS through the gateway when it is reachable.
/// The review is marked signed whether or not the gateway took the files; the outcome is recorded with it.
/// </summary>
public sealed partial class ReportSigning(
    ReviewStore reviews, GatewayClient gateway, ApprovedReportRelay teoHub, IOptions<WebOptions> options, TimeProvider time, ILogger<ReportSigning> logger)
{
    public async Task<ReportReview> SignAsync(ReportData report, ReportReview text, string radiologist, ReportLanguage language,
        CancellationToken cancellationToken)
    {
        var document = Document(report, await StudyAsync(report, cancellationToken), text, language) with
        {
            Signature = new ReportSignature(radiologist, time.GetUtcNow(), options.Value.Organization),
            AiFindingReviews = AiFindingReview.Text(FindingReviews(report, text), language),
        };
        var artefacts = ReportArtefacts.Create(document);
        // Published first: a second reviewer's signature refused by the gateway (409) leaves the first one's files alone.
        var outcome = await PublishAsync(report, artefacts, radiologist, cancellationToken);
        await artefacts.SaveAsync(SignedDirectory(report.TechnicalId), signed: true, cancellationToken);
        return await reviews.MarkSignedAsync(text, radiologist, outcome, cancellationToken);
    }

    /// <summary>
    /// After the signature is recorded: the approved text (as copied for the RIS, followed by what became of each AI
    /// finding: kept, changed, removed), who signed when and which sections differ from the AI's text go to TÉO Hub
    /// through the ReportApi. Never throws for TÉO Hub: the outcome says.
    /// </summary>
    public async Task<TeoHubOutcome> PostApprovedAsync(ReportData report, ReportReview signed, string approvedText, CancellationToken cancellationToken)
    {
        var modified = ModifiedSections(ReportView.TextOf(report), signed);
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? ReportLanguage.English : ReportLanguage.French;
        if (AiFindingReview.Text(FindingReviews(report, signed), language) is { Count: > 0 } reviews)
        {
            approvedText += "\n\n" + AiFindingReview.Heading(language) + "\n" + string.Join("\n", reviews);
        }
        var outcome = await teoHub.PostAsync(report.TechnicalId, new ApprovedReport(
            approvedText, signed.SignedBy ?? "", signed.SignedAt ?? time.GetUtcNow(), modified.Count > 0, modified), cancellationToken);
        if (outcome.State == TeoHubOutcome.Failed)
        {
            TeoHubFailed(logger, outcome.Detail ?? "?");
        }
        return outcome;
    }

    /// <summary>Each AI finding of the report kept, changed or removed in the signed results.</summary>
    private static IReadOnlyList<AiFindingReview.Outcome> FindingReviews(ReportData report, ReportReview signed) =>
        AiFindingReview.Classify(ReportView.From(report, null).Findings, ReportView.TextOf(report).Results, signed.Results);

    /// <summary>The sections (title, indication, technique, results, conclusion) the radiologist changed.</summary>
    public static IReadOnlyList<string> ModifiedSections(ReportReview ai, ReportReview signed) =>
        new (string Name, string Ai, string Signed)[]
        {
            ("title", ai.Title, signed.Title), ("indication", ai.Indication, signed.Indication), ("technique", ai.Technique, signed.Technique),
            ("results", ai.Results, signed.Results), ("conclusion", ai.Conclusion, signed.Conclusion),
        }.Where(s => !string.Equals(s.Ai.Trim(), s.Signed.Trim(), StringComparison.Ordinal)).Select(s => s.Name).ToList();

    /// <summary>The PDF: the signed one once signed, else one rendered from the current text (marked unsigned).</summary>
    public async Task<byte[]> PdfAsync(ReportData report, ReportReview text, ReportLanguage language, CancellationToken cancellationToken)
    {
        var signedPdf = Path.Combine(SignedDirectory(report.TechnicalId), "report.pdf");
        return text.Status == ReviewStatus.Signed && File.Exists(signedPdf)
            ? await File.ReadAllBytesAsync(signedPdf, cancellationToken)
            : Airadcr.Reporting.Pdf.PdfReportWriter.Write(Document(report, await StudyAsync(report, cancellationToken), text, language));
    }

    /// <exception cref="InvalidOperationException">The gateway refused the signature (409): the study is already signed
    /// by another reviewer, or its AI results were rejected; nothing is recorded.</exception>
    private async Task<string> PublishAsync(ReportData report, ReportArtefacts artefacts, string radiologist, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(report.StudyInstanceUid))
        {
            return "not sent: the report has no study instance UID";
        }
        try
        {
            await gateway.PublishSignedReportAsync(report.StudyInstanceUid, Bytes(artefacts.StructuredReport), Bytes(artefacts.EncapsulatedPdf),
                radiologist, cancellationToken);
            return "sent to the PACS through the gateway";
        }
        catch (HttpRequestException error) when (error.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException("Not signed: " + error.Message, error);
        }
        catch (HttpRequestException error)
        {
            PublishFailed(logger, error.StatusCode?.ToString() ?? error.GetType().Name);
            return "not sent: gateway unavailable (" + (error.StatusCode?.ToString() ?? "unreachable") + ")";
        }
    }

    /// <summary>
    /// The study context as the images carry it (the gateway reads the study's headers, as for the AI SR), so the
    /// signed SR and PDF have the same patient and study module values as the source images; only when the gateway
    /// does not hold the study (or cannot be reached) the few fields the ReportApi returns.
    /// </summary>
    private async Task<StudyContext> StudyAsync(ReportData report, CancellationToken cancellationToken)
    {
        var fromReport = new StudyContext
        {
            StudyInstanceUid = report.StudyInstanceUid ?? report.ExamUid ?? "2.25.0",
            PatientId = report.PatientId,
            AccessionNumber = report.AccessionNumber,
            Modality = report.Modality,
        };
        if (string.IsNullOrEmpty(report.StudyInstanceUid))
        {
            return fromReport;
        }
        try
        {
            return await gateway.StudyContextAsync(report.StudyInstanceUid, cancellationToken) ?? fromReport;
        }
        catch (HttpRequestException error)
        {
            StudyContextUnavailable(logger, error.StatusCode?.ToString() ?? error.GetType().Name);
            return fromReport;
        }
    }

    private ReportDocument Document(ReportData report, StudyContext study, ReportReview text, ReportLanguage language) => new()
    {
        Study = study,
        Text = new ReportText(text.Title, text.Indication, text.Technique, text.Results, text.Conclusion),
        Language = language,
        CreatedAt = time.GetUtcNow(),
    };

    private string SignedDirectory(string technicalId) =>
        Path.Combine(options.Value.ResolveDataDirectory(), "signed", technicalId);

    private static byte[] Bytes(Airadcr.Dicom.IO.DicomFile file)
    {
        using var stream = new MemoryStream();
        file.Save(stream);
        return stream.ToArray();
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Signed report not sent to the gateway: {Reason}")]
    private static partial void PublishFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "Study context not read from the gateway ({Reason}): the signed report carries the ReportApi's fields only")]
    private static partial void StudyContextUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Approved report not posted to TÉO Hub: {Reason}")]
    private static partial void TeoHubFailed(ILogger logger, string reason);
}
