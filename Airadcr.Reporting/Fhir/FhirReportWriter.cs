using System.Text.Json;
using Airadcr.Reporting.Model;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirCoding = Hl7.Fhir.Model.Coding;

namespace Airadcr.Reporting.Fhir;

/// <summary>
/// A report as FHIR R4: a collection Bundle holding one DiagnosticReport and one Observation per finding, all
/// pointing at the ImagingStudy by its Study Instance UID (identifier system <c>urn:dicom:uid</c>).
/// </summary>
public static class FhirReportWriter
{
    private const string DicomUidSystem = "urn:dicom:uid";
    private static readonly JsonSerializerOptions JsonOptions =
        new JsonSerializerOptions { WriteIndented = true }.ForFhir(ModelInfo.ModelInspector);

    public static Bundle Build(ReportDocument report, byte[]? pdf = null)
    {
        var status = report.IsSigned ? ObservationStatus.Final : ObservationStatus.Preliminary;
        var imagingStudy = new ResourceReference
        {
            Type = "ImagingStudy",
            Identifier = new Identifier(DicomUidSystem, "urn:oid:" + report.Study.StudyInstanceUid),
        };
        var subject = report.Study.PatientId is { Length: > 0 } patientId
            ? new ResourceReference { Type = "Patient", Identifier = new Identifier { Value = patientId } }
            : null;

        var observations = report.Findings.Select(finding => new
        {
            FullUrl = "urn:uuid:" + Guid.NewGuid(),
            Resource = FindingObservation(finding, status, subject, imagingStudy),
        }).ToList();

        var diagnosticReport = new DiagnosticReport
        {
            Status = report.IsSigned ? DiagnosticReport.DiagnosticReportStatus.Final : DiagnosticReport.DiagnosticReportStatus.Preliminary,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology")],
            Code = new CodeableConcept("http://loinc.org", "18748-4", "Diagnostic imaging study", report.Text.Title),
            Subject = subject,
            // FHIR dateTime needs a zone once it has a time; DICOM Study Date/Time has none: keep the date.
            Effective = report.Study.StudyDate is { } date
                ? new FhirDateTime(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                : null,
            Issued = report.Signature?.SignedAt ?? report.CreatedAt,
            ImagingStudy = [imagingStudy],
            Result = [.. observations.Select(o => new ResourceReference(o.FullUrl))],
            Conclusion = string.IsNullOrWhiteSpace(report.Text.Conclusion) ? null : report.Text.Conclusion,
            Identifier = report.Study.AccessionNumber is { Length: > 0 } accession
                ? [new Identifier { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "ACSN"), Value = accession }]
                : [],
        };
        if (report.Signature is { } signature)
        {
            diagnosticReport.ResultsInterpreter = [new ResourceReference { Display = signature.RadiologistName }];
        }
        if (pdf is not null)
        {
            diagnosticReport.PresentedForm = [new Attachment { ContentType = "application/pdf", Data = pdf, Title = report.Text.Title }];
        }

        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = report.CreatedAt };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = diagnosticReport });
        bundle.Entry.AddRange(observations.Select(o => new Bundle.EntryComponent { FullUrl = o.FullUrl, Resource = o.Resource }));
        return bundle;
    }

    public static string ToJson(Bundle bundle) => JsonSerializer.Serialize(bundle, JsonOptions);

    /// <summary>Parses FHIR JSON into the R4 model, validating it; throws on any error.</summary>
    public static Bundle Parse(string json) =>
        JsonSerializer.Deserialize<Bundle>(json, JsonOptions) ?? throw new JsonException("empty FHIR document");

    private static Observation FindingObservation(Finding finding, ObservationStatus status,
        ResourceReference? subject, ResourceReference imagingStudy)
    {
        var observation = new Observation
        {
            Status = status,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "imaging", "Imaging")],
            Code = Concept(finding.Type),
            Subject = subject,
            DerivedFrom = [imagingStudy],
            BodySite = finding.Site is null ? null : Concept(finding.Site),
            Device = new ResourceReference { Display = $"{finding.Algorithm.Name} {finding.Algorithm.Version}" },
            Identifier = [new Identifier(DicomUidSystem, "urn:oid:" + finding.TrackingUid)],
            Note = finding.LocationText is { Length: > 0 } location ? [new Annotation { Text = location }] : [],
        };
        observation.Component.AddRange(finding.Measurements.Select(measurement => new Observation.ComponentComponent
        {
            Code = Concept(measurement.Concept),
            Value = new Quantity((decimal)measurement.Value, measurement.Unit.Code, measurement.Unit.FhirSystem) { Unit = measurement.Unit.Meaning },
        }));
        observation.Component.Add(new Observation.ComponentComponent
        {
            Code = Concept(ReportCodes.CertaintyOfFinding),
            Value = new Quantity((decimal)Math.Round(finding.Confidence * 100, 2), ReportCodes.Percent.Code, ReportCodes.Percent.FhirSystem)
            {
                Unit = ReportCodes.Percent.Meaning,
            },
        });
        return observation;
    }

    private static CodeableConcept Concept(CodedConcept concept) =>
        new() { Coding = [new FhirCoding(concept.FhirSystem, concept.Code, concept.Meaning)], Text = concept.Meaning };
}
