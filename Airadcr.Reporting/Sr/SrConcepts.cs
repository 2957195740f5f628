using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Sr;

/// <summary>Concept names of the SR templates we write (PS3.16: TID 1500, 1001/1004, 1410, 4019, 2000).</summary>
internal static class SrConcepts
{
    public static readonly CodedConcept ImagingMeasurementReport = new("126000", "DCM", "Imaging Measurement Report");
    public static readonly CodedConcept LanguageOfContent = new("121049", "DCM", "Language of Content Item and Descendants");
    public static readonly CodedConcept EnglishUs = new("en-US", "RFC5646", "English (United States)");
    public static readonly CodedConcept ObserverType = new("121005", "DCM", "Observer Type");
    public static readonly CodedConcept Device = new("121007", "DCM", "Device");
    public static readonly CodedConcept Person = new("121006", "DCM", "Person");
    public static readonly CodedConcept DeviceObserverUid = new("121012", "DCM", "Device Observer UID");
    public static readonly CodedConcept DeviceObserverName = new("121013", "DCM", "Device Observer Name");
    public static readonly CodedConcept DeviceObserverManufacturer = new("121014", "DCM", "Device Observer Manufacturer");
    public static readonly CodedConcept DeviceObserverModelName = new("121015", "DCM", "Device Observer Model Name");
    public static readonly CodedConcept PersonObserverName = new("121008", "DCM", "Person Observer Name");
    public static readonly CodedConcept ProcedureReported = new("121058", "DCM", "Procedure reported");
    public static readonly CodedConcept ImageLibrary = new("111028", "DCM", "Image Library");
    public static readonly CodedConcept ImageLibraryGroup = new("126200", "DCM", "Image Library Group");
    public static readonly CodedConcept ImagingMeasurements = new("126010", "DCM", "Imaging Measurements");
    public static readonly CodedConcept MeasurementGroup = new("125007", "DCM", "Measurement Group");
    public static readonly CodedConcept TrackingIdentifier = new("112039", "DCM", "Tracking Identifier");
    public static readonly CodedConcept TrackingUniqueIdentifier = new("112040", "DCM", "Tracking Unique Identifier");
    public static readonly CodedConcept Finding = new("121071", "DCM", "Finding");
    public static readonly CodedConcept FindingSite = new("363698007", "SCT", "Finding Site");
    public static readonly CodedConcept AlgorithmName = new("111001", "DCM", "Algorithm Name");
    public static readonly CodedConcept AlgorithmVersion = new("111003", "DCM", "Algorithm Version");
    public static readonly CodedConcept ImageRegion = new("111030", "DCM", "Image Region");
    public static readonly CodedConcept Center = new("111010", "DCM", "Center");

    // TID 2000 Basic Diagnostic Imaging Report
    public static readonly CodedConcept DiagnosticImagingReport = new("18748-4", "LN", "Diagnostic Imaging Report");
    public static readonly CodedConcept IndicationsForProcedure = new("121109", "DCM", "Indications for Procedure");
    public static readonly CodedConcept CurrentProcedureDescriptions = new("121064", "DCM", "Current Procedure Descriptions");
    public static readonly CodedConcept ProcedureDescription = new("121065", "DCM", "Procedure Description");
    public static readonly CodedConcept Findings = new("121070", "DCM", "Findings");
    public static readonly CodedConcept Conclusions = new("121076", "DCM", "Conclusions");
    public static readonly CodedConcept Conclusion = new("121077", "DCM", "Conclusion");

    /// <summary>The imaging procedure a modality implies, from CID 100 "Quantitative Diagnostic Imaging Procedures".</summary>
    public static CodedConcept ProcedureFor(string? modality) => modality switch
    {
        "CT" => new("25045-6", "LN", "CT unspecified body region"),
        "MR" => new("25056-3", "LN", "MRI unspecified body region"),
        _ => new("363679005", "SCT", "Imaging procedure"),
    };
}
