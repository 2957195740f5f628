using System.Text;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;
using Airadcr.Web.Measurements;

namespace Airadcr.Web.Tests.Measurements;

/// <summary>What the STOW-RS check lets through to Orthanc: Part 10 SRs in a multipart/related body, nothing else.</summary>
public sealed class StowBodyTests
{
    private const string Study = "1.2.826.0.1.3680043.8.498.2403";

    private static Task<StowParse> ParseAsync(byte[] body, string contentType = OhifMeasurementReport.ContentType) =>
        StowBody.ParseAsync(contentType, new ArraySegment<byte>(body), TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_SR_of_measurements_as_OHIF_sends_it_is_accepted_with_its_UIDs()
    {
        var parsed = await ParseAsync(OhifMeasurementReport.Body(OhifMeasurementReport.Part10(Study, 23.5, sopInstanceUid: "1.2.3.4")));

        Assert.Null(parsed.Reason);
        var instance = Assert.Single(parsed.Instances);
        Assert.Equal((Study, "1.2.3.4", DicomUids.Comprehensive3DSRStorage), (instance.StudyInstanceUid, instance.SopInstanceUid, instance.SopClassUid));
    }

    [Fact]
    public async Task An_image_is_refused_as_not_an_SR()
    {
        var parsed = await ParseAsync(OhifMeasurementReport.Body(File.ReadAllBytes(PydicomCorpus.File("CT_small.dcm"))));

        Assert.Empty(parsed.Instances);
        Assert.Contains("not a structured report", parsed.Reason);
        Assert.Equal("not an SR", parsed.AuditReason);
    }

    [Fact]
    public async Task A_truncated_file_or_garbage_is_refused_as_not_Part_10()
    {
        var sr = OhifMeasurementReport.Part10(Study, 10);
        foreach (var part in new[] { sr[..(sr.Length / 2)], Encoding.ASCII.GetBytes("not dicom at all") })
        {
            var parsed = await ParseAsync(OhifMeasurementReport.Body(OhifMeasurementReport.Part10(Study, 5), part));

            Assert.Empty(parsed.Instances);
            Assert.StartsWith("part 2 ", parsed.Reason);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_related_of_DICOM_or_holds_no_part_is_refused()
    {
        var sr = OhifMeasurementReport.Part10(Study, 10);

        Assert.Contains("multipart/related", (await ParseAsync(sr, "application/dicom")).Reason);
        Assert.Contains("only application/dicom", (await ParseAsync(OhifMeasurementReport.Body(sr),
            "multipart/related; type=\"application/dicom+xml\"; boundary=" + OhifMeasurementReport.Boundary)).Reason);
        Assert.Contains("boundary", (await ParseAsync(sr, "multipart/related; type=\"application/dicom\"")).Reason);
        Assert.Equal("the body holds no DICOM part", (await ParseAsync(Encoding.ASCII.GetBytes($"--{OhifMeasurementReport.Boundary}--\r\n"))).Reason);
        Assert.Equal("malformed multipart", (await ParseAsync(Encoding.ASCII.GetBytes($"--{OhifMeasurementReport.Boundary}\r\nContent-Type: application/dicom\r\n\r\nabc"))).AuditReason);
    }

    [Fact]
    public async Task An_SR_claiming_to_be_AIRADCR_s_own_is_refused()
    {
        using var file = DicomFile.Read(OhifMeasurementReport.Part10(Study, 10));
        file.Dataset.Add(DicomTag.Manufacturer, "AIRADCR");

        var parsed = await ParseAsync(OhifMeasurementReport.Body(DicomFileWriter.ToArray(file)));

        Assert.Equal("claims AIRADCR", parsed.AuditReason);
    }
}
