using System.Globalization;
using Airadcr.Reporting.Model;

namespace Airadcr.DicomGateway.Reports;

/// <summary>The pre-filled report text: the findings as sentences the radiologist edits; the conclusion is left empty.</summary>
public static class FindingNarrative
{
    public static ReportText Text(StudyContext study, IReadOnlyList<Finding> findings, ReportLanguage language)
    {
        var french = language == ReportLanguage.French;
        var culture = CultureInfo.GetCultureInfo(french ? "fr-FR" : "en-GB");
        var title = string.Join(" — ", new[] { study.Modality, study.StudyDescription }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var lines = findings.Select(f =>
        {
            var size = string.Join(", ", f.Measurements.Select(m => $"{m.Value.ToString("0.#", culture)} {m.Unit.Code}"));
            var site = f.Site is null ? "" : $", {ConceptNames.Display(f.Site, language)}";
            var confidence = (f.Confidence * 100).ToString("0", culture);
            return $"{f.Number}. {ConceptNames.Display(f.Type, language)}{site}, {f.LocationText}{(size.Length > 0 ? ", " + size : "")} " +
                   (french ? $"(confiance {confidence} %, {f.Algorithm.Name} {f.Algorithm.Version})"
                           : $"(confidence {confidence} %, {f.Algorithm.Name} {f.Algorithm.Version})");
        }).ToList();
        var results = (french ? "Analyse automatisée : " : "Automated analysis: ") +
                      (lines.Count == 0
                          ? (french ? "aucune anomalie détectée." : "no abnormality detected.")
                          : "\n" + string.Join("\n", lines));
        return new ReportText(title.Length > 0 ? title : (french ? "Examen d'imagerie" : "Imaging study"),
            Indication: study.StudyDescription ?? "", Technique: "", Results: results, Conclusion: "");
    }
}
