using System.Globalization;
using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Pdf;

/// <summary>The fixed words of a printed report, in each supported language.</summary>
internal sealed record ReportLabels(
    CultureInfo Culture,
    string Patient,
    string PatientId,
    string BirthDate,
    string Sex,
    string Study,
    string StudyDate,
    string Accession,
    string Modality,
    string Institution,
    string ReferringPhysician,
    string Indication,
    string Technique,
    string Results,
    string Conclusion,
    string Findings,
    string NoFindings,
    string KeyImages,
    string ColumnNumber,
    string ColumnType,
    string ColumnLocation,
    string ColumnSize,
    string ColumnConfidence,
    string ColumnModel,
    string AiDisclaimer,
    string AwaitingReview,
    string SignedBy,
    string Page,
    string GeneratedOn)
{
    public static ReportLabels For(ReportLanguage language) => language switch
    {
        ReportLanguage.English => English,
        _ => French,
    };

    public static readonly ReportLabels French = new(
        CultureInfo.GetCultureInfo("fr-FR"),
        Patient: "Patient", PatientId: "Identifiant", BirthDate: "Date de naissance", Sex: "Sexe",
        Study: "Examen", StudyDate: "Date de l'examen", Accession: "N° d'accession", Modality: "Modalité",
        Institution: "Établissement", ReferringPhysician: "Médecin demandeur",
        Indication: "Indication", Technique: "Technique", Results: "Résultats", Conclusion: "Conclusion",
        Findings: "Résultats de l'analyse automatisée", NoFindings: "Aucune anomalie détectée par l'analyse automatisée.",
        KeyImages: "Images clés",
        ColumnNumber: "N°", ColumnType: "Type", ColumnLocation: "Localisation", ColumnSize: "Taille",
        ColumnConfidence: "Confiance", ColumnModel: "Modèle / version",
        AiDisclaimer: "Les résultats marqués « analyse automatisée » proviennent d'algorithmes d'analyse d'image " +
                      "(aide à la lecture, non diagnostique). Ils doivent être vérifiés et validés par un radiologue.",
        AwaitingReview: "Compte rendu préliminaire : en attente de validation par un radiologue.",
        SignedBy: "Validé électroniquement par", Page: "Page", GeneratedOn: "Édité le");

    public static readonly ReportLabels English = new(
        CultureInfo.GetCultureInfo("en-GB"),
        Patient: "Patient", PatientId: "Patient ID", BirthDate: "Date of birth", Sex: "Sex",
        Study: "Study", StudyDate: "Study date", Accession: "Accession number", Modality: "Modality",
        Institution: "Institution", ReferringPhysician: "Referring physician",
        Indication: "Indication", Technique: "Technique", Results: "Findings", Conclusion: "Impression",
        Findings: "Automated analysis results", NoFindings: "No abnormality detected by the automated analysis.",
        KeyImages: "Key images",
        ColumnNumber: "#", ColumnType: "Type", ColumnLocation: "Location", ColumnSize: "Size",
        ColumnConfidence: "Confidence", ColumnModel: "Model / version",
        AiDisclaimer: "Results marked \"automated analysis\" come from image-analysis algorithms (reading aid, not a " +
                      "diagnosis). They must be reviewed and confirmed by a radiologist.",
        AwaitingReview: "Preliminary report: awaiting review by a radiologist.",
        SignedBy: "Electronically signed by", Page: "Page", GeneratedOn: "Printed on");

    public string Date(DateOnly? date) => date?.ToString("d", Culture) ?? "—";

    public string DateTime(DateTimeOffset value) => value.ToString("g", Culture);

    public string Number(double value, string format = "0.#") => value.ToString(format, Culture);
}
