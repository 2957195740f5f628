using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Sr;

/// <summary>
/// The radiologist's signed report as an Enhanced SR following TID 2000 "Basic Diagnostic Imaging Report":
/// person observer, indication, technique, findings and conclusion sections; verified by the signing radiologist;
/// the AI results SR it started from listed as pertinent other evidence.
/// </summary>
public static class SignedReportWriter
{
    public const int SeriesNumber = 9003;

    /// <param name="aiResults">The AI SR this report was reviewed from, if any (linked as evidence).</param>
    public static DicomFile Write(ReportDocument report, DicomDataset? aiResults = null)
    {
        var signature = report.Signature ?? throw new ArgumentException("A signed report needs a signature", nameof(report));
        var dataset = ReportInstanceHeader.Create(report.Study, DicomUids.EnhancedSRStorage, "SR", "AIRADCR signed report",
            SeriesNumber, report.CreatedAt, report.InstanceUidName);

        dataset.Add(DicomTag.CompletionFlag, "COMPLETE");
        dataset.Add(DicomTag.VerificationFlag, "VERIFIED");
        var verifier = new DicomDataset();
        verifier.Add(DicomTag.VerifyingObserverName, signature.RadiologistName);
        verifier.AddOrUpdate(new DicomSequence(DicomTag.VerifyingObserverIdentificationCodeSequence));
        verifier.Add(DicomTag.VerifyingOrganization, VerifyingOrganization(signature, report.Study));
        verifier.Add(DicomTag.VerificationDateTime, SrContent.DicomDateTime(signature.SignedAt));
        dataset.Add(DicomTag.VerifyingObserverSequence, verifier);
        dataset.AddOrUpdate(new DicomSequence(DicomTag.ReferencedPerformedProcedureStepSequence));
        dataset.AddOrUpdate(new DicomSequence(DicomTag.PerformedProcedureCodeSequence));
        if (report.SourceImages.Count > 0)
        {
            dataset.Add(DicomTag.CurrentRequestedProcedureEvidenceSequence,
                ReportInstanceHeader.Evidence(report.Study.StudyInstanceUid, report.SourceImages));
        }
        if (aiResults is not null)
        {
            dataset.Add(DicomTag.PertinentOtherEvidenceSequence, ReportInstanceHeader.Evidence(report.Study.StudyInstanceUid,
            [
                new SourceImage(aiResults.GetString(DicomTag.SeriesInstanceUID), aiResults.GetString(DicomTag.SOPClassUID),
                    aiResults.GetString(DicomTag.SOPInstanceUID)),
            ]));
        }

        SrContent.SetRoot(dataset, SrConcepts.DiagnosticImagingReport, "2000", Content(report.Text, signature, report.AiFindingReviews));
        return ReportInstanceHeader.Complete(dataset);
    }

    /// <summary>
    /// Verifying Organization is Type 1: the configured organisation, else the images' institution, else
    /// <see cref="UnnamedOrganization"/> (never empty: an empty value makes the SR invalid).
    /// </summary>
    public static string VerifyingOrganization(ReportSignature signature, StudyContext study) =>
        signature.Organization is { Length: > 0 } configured ? configured
        : study.InstitutionName is { Length: > 0 } institution ? institution
        : UnnamedOrganization;

    /// <summary>The verifying organisation when neither the Web's <c>Organization</c> nor the images name one.</summary>
    public const string UnnamedOrganization = "AIRADCR reading site";

    /// <param name="aiFindingReviews">One TEXT Finding per AI finding (kept/changed/removed), after the results in the Findings section.</param>
    private static IEnumerable<DicomDataset> Content(ReportText text, ReportSignature signature, IReadOnlyList<string> aiFindingReviews)
    {
        yield return SrContent.CodeItem(SrContent.HasConceptModifier, SrConcepts.LanguageOfContent, SrConcepts.EnglishUs);
        yield return SrContent.CodeItem(SrContent.HasObsContext, SrConcepts.ObserverType, SrConcepts.Person);
        yield return SrContent.PersonName(SrContent.HasObsContext, SrConcepts.PersonObserverName, signature.RadiologistName);
        foreach (var (section, entry, body) in new[]
                 {
                     (SrConcepts.IndicationsForProcedure, SrConcepts.Finding, text.Indication),
                     (SrConcepts.CurrentProcedureDescriptions, SrConcepts.ProcedureDescription, text.Technique),
                     (SrConcepts.Findings, SrConcepts.Finding, text.Results),
                     (SrConcepts.Conclusions, SrConcepts.Conclusion, text.Conclusion),
                 })
        {
            var items = string.IsNullOrWhiteSpace(body) ? [] : new List<DicomDataset> { SrContent.Text(SrContent.Contains, entry, body) };
            if (section == SrConcepts.Findings)
            {
                items.AddRange(aiFindingReviews.Select(review => SrContent.Text(SrContent.Contains, SrConcepts.Finding, review)));
            }
            if (items.Count > 0)
            {
                yield return SrContent.Container(SrContent.Contains, section, items);
            }
        }
    }
}
