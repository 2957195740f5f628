namespace Airadcr.Reporting.Model;

/// <summary>The narrative sections of a radiology report (the Desktop API's <c>structured</c> object).</summary>
public sealed record ReportText(
    string Title,
    string Indication = "",
    string Technique = "",
    string Results = "",
    string Conclusion = "");
