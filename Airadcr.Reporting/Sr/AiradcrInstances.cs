using Airadcr.Dicom;

namespace Airadcr.Reporting.Sr;

/// <summary>How an instance made by AIRADCR (AI SR, signed SR, PDFs) is told apart from anybody else's: its Manufacturer.</summary>
public static class AiradcrInstances
{
    public const string Manufacturer = ReportInstanceHeader.Manufacturer;

    /// <summary>True when <paramref name="dataset"/> says AIRADCR made it.</summary>
    public static bool IsOurs(DicomDataset dataset) =>
        string.Equals(dataset.GetStringOrDefault(DicomTag.Manufacturer)?.Trim(), Manufacturer, StringComparison.OrdinalIgnoreCase);
}
