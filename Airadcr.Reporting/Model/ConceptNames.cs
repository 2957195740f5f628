namespace Airadcr.Reporting.Model;

/// <summary>
/// What a coded concept is called in a report's language. The code's own meaning (English, as SNOMED CT and the
/// models' manifests give it) stays in the SR's coded content; only the text a reader sees (the pre-filled results,
/// the PDF's findings table) is translated, so a French report does not read "Pulmonary nodule".
/// </summary>
public static class ConceptNames
{
    private static readonly Dictionary<(string Scheme, string Code), string> French = new()
    {
        [("SCT", "786838002")] = "Nodule pulmonaire",
        [("SCT", "27925004")] = "Nodule",
        [("SCT", "39607008")] = "Poumon",
        [("SCT", "12738006")] = "Structure cérébrale",
        [("SCT", "81827009")] = "Diamètre",
        [("SCT", "42798000")] = "Surface",
        [("SCT", "118565006")] = "Volume",
        [("99AIRADCR", "DX-DARK")] = "Image à prédominance sombre",
        [("99AIRADCR", "DX-BALANCED")] = "Image d'intensité équilibrée",
        [("99AIRADCR", "DX-BRIGHT")] = "Image à prédominance claire",
    };

    /// <summary>The concept's name in <paramref name="language"/>; its coded meaning when no translation is known.</summary>
    public static string Display(CodedConcept concept, ReportLanguage language) =>
        language == ReportLanguage.French && French.TryGetValue((concept.Scheme, concept.Code), out var name) ? name : concept.Meaning;
}
