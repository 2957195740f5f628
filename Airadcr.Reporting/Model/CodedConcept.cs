namespace Airadcr.Reporting.Model;

/// <summary>A coded concept as DICOM and FHIR both carry it (code value, coding scheme designator, meaning).</summary>
/// <param name="Scheme">DICOM coding scheme designator: <c>DCM</c>, <c>SCT</c> (SNOMED CT), <c>LN</c> (LOINC), <c>UCUM</c>...</param>
public sealed record CodedConcept(string Code, string Scheme, string Meaning)
{
    /// <summary>The FHIR system URI of <see cref="Scheme"/>.</summary>
    public string FhirSystem => Scheme switch
    {
        "SCT" => "http://snomed.info/sct",
        "LN" => "http://loinc.org",
        "UCUM" => "http://unitsofmeasure.org",
        "DCM" => "http://dicom.nema.org/resources/ontology/DCM",
        _ => "urn:airadcr:coding-scheme:" + Scheme,
    };
}
