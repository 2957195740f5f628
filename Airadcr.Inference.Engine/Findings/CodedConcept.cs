namespace Airadcr.Inference.Engine.Findings;

/// <summary>A coded concept as DICOM SR uses it: (code value, coding scheme designator, code meaning).</summary>
public sealed record CodedConcept(string Code, string Scheme, string Meaning);
