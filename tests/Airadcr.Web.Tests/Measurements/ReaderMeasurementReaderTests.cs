using Airadcr.Dicom.IO;
using Airadcr.Web.Measurements;

namespace Airadcr.Web.Tests.Measurements;

public sealed class ReaderMeasurementReaderTests
{
    [Fact]
    public void A_labelled_length_reads_as_its_label_concept_value_and_unit()
    {
        using var file = DicomFile.Read(OhifMeasurementReport.Part10("1.2.3", 23.456, label: "Nodule LSD"));

        var measurement = Assert.Single(ReaderMeasurementReader.Read(file.Dataset, "dr-house"));

        Assert.Equal(("Nodule LSD", "Length", 23.456, "mm", "dr-house"), (measurement.Label, measurement.Concept, measurement.Value, measurement.Unit, measurement.SavedBy));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 15, 0, TimeSpan.Zero), measurement.SavedAt);
        Assert.Equal("Nodule LSD: Length 23.46 mm", measurement.Text.Replace(',', '.'));
    }

    [Fact]
    public void An_unlabelled_length_is_named_by_its_concept_not_by_OHIF_s_tool_identifier()
    {
        using var file = DicomFile.Read(OhifMeasurementReport.Part10("1.2.3", 12));

        var measurement = Assert.Single(ReaderMeasurementReader.Read(file.Dataset, null));

        Assert.Null(measurement.Label);
        Assert.Equal("Length 12 mm", measurement.Text);
    }
}
