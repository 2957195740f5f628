namespace Airadcr.Reporting.Model;

/// <summary>Coded concepts the reports use (PS3.16 tables, SNOMED CT, UCUM).</summary>
public static class ReportCodes
{
    /// <summary>(111012, DCM, "Certainty of Finding"): PS3.16 CID 6048, TID 4104 row 12; value in percent.</summary>
    public static readonly CodedConcept CertaintyOfFinding = new("111012", "DCM", "Certainty of Finding");

    public static readonly CodedConcept Nodule = new("27925004", "SCT", "Nodule");
    public static readonly CodedConcept Lung = new("39607008", "SCT", "Lung");
    public static readonly CodedConcept Brain = new("12738006", "SCT", "Brain");
    public static readonly CodedConcept Diameter = new("81827009", "SCT", "Diameter");
    public static readonly CodedConcept Area = new("42798000", "SCT", "Area");
    public static readonly CodedConcept Volume = new("118565006", "SCT", "Volume");

    public static readonly CodedConcept Millimeter = new("mm", "UCUM", "millimeter");
    public static readonly CodedConcept SquareMillimeter = new("mm2", "UCUM", "square millimeter");
    public static readonly CodedConcept Milliliter = new("ml", "UCUM", "milliliter");
    public static readonly CodedConcept Percent = new("%", "UCUM", "percent");
}
