using Airadcr.Dicom.Deidentification;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>Images that may carry burned-in identifiers are refused unless a Clean Pixel Data rule covers them;
/// a covered image has its rectangles blanked, in its own syntax when that is lossless.</summary>
public sealed class BurnedInAnnotationTests
{
    private static readonly CleanPixelRule TopBanner = new("OT", "ACME", 32, 32, [new PixelRectangle(0, 0, 32, 4)]);

    public static TheoryData<string, string> Risky => new()
    {
        { "secondary capture", "SOP class (Secondary Capture)" },
        { "ultrasound", "SOP class (Ultrasound)" },
        { "burned-in CT", "Burned In Annotation is YES" },
        { "DOC modality", "modality (DOC)" },
        { "encapsulated PDF", "SOP class (Encapsulated PDF)" },
    };

    [Theory]
    [MemberData(nameof(Risky))]
    public void Risky_images_without_a_rule_are_refused_with_the_reason(string kind, string reason)
    {
        var p = Instances.Dupont;
        var dataset = kind switch
        {
            "secondary capture" => Instances.SecondaryCapture(p),
            "ultrasound" => Instances.Ultrasound(p),
            "burned-in CT" => Instances.Ct(p).Add(DicomTag.BurnedInAnnotation, DicomVR.CS, "YES"),
            "DOC modality" => Instances.Ct(p).Add(DicomTag.Modality, DicomVR.CS, "DOC"),
            _ => Pdf(p),
        };

        var ex = Assert.Throws<DeidentificationRefusedException>(() => Deid.Run(dataset));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Dupont", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_for_another_size_or_manufacturer_does_not_cover_the_image()
    {
        var options = DeidentificationOptions.Basic with
        {
            CleanPixelRules = [TopBanner with { Rows = 64 }, TopBanner with { Manufacturer = "OTHER" }],
        };
        Assert.Throws<DeidentificationRefusedException>(() => Deid.Run(Instances.SecondaryCapture(Instances.Dupont), options));
    }

    [Fact]
    public void An_encapsulated_document_has_no_pixels_to_clean_and_stays_refused()
    {
        var options = DeidentificationOptions.Basic with { CleanPixelRules = [new CleanPixelRule(null, null, null, null, [new PixelRectangle(0, 0, 1, 1)])] };
        var ex = Assert.Throws<DeidentificationRefusedException>(() => Deid.Run(Pdf(Instances.Dupont), options));
        Assert.Contains("no pixel data", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DicomUids.ExplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian)]
    [InlineData(DicomUids.RLELossless, DicomUids.RLELossless)]
    [InlineData(DicomUids.JPEGLSLossless, DicomUids.JPEGLSLossless)]
    [InlineData(DicomUids.JPEG2000Lossless, DicomUids.JPEG2000Lossless)]
    [InlineData(DicomUids.JPEGLosslessSV1, DicomUids.JPEGLosslessSV1)]
    [InlineData(DicomUids.JPEG2000, DicomUids.ExplicitVRLittleEndian)]
    public void A_covered_image_has_its_rectangles_blanked_and_says_so(string sourceSyntax, string expectedSyntax)
    {
        using var native = Instances.File(Instances.SecondaryCapture(Instances.Dupont));
        var source = DicomTranscoder.Transcode(native, DicomTransferSyntax.Lookup(sourceSyntax));
        using var input = DicomFile.Read(DicomFileWriter.ToArray(source));
        var before = new DicomPixelData(input.Dataset, input.TransferSyntax).GetContainerValues(0);
        var options = DeidentificationOptions.Basic with { CleanPixelRules = [TopBanner] };

        var result = new DicomDeidentifier(options, Deid.Secret).Deidentify(input);
        using var back = DicomFile.Read(DicomFileWriter.ToArray(result.File));

        Assert.Equal(expectedSyntax, back.TransferSyntax.Uid);
        var after = new DicomPixelData(back.Dataset, back.TransferSyntax).GetContainerValues(0);
        for (var i = 0; i < after.Length; i++)
        {
            Assert.Equal(i < 32 * 4 ? 0 : before[i], after[i]);
        }

        Assert.Equal("NO", back.Dataset.Text(DicomTag.BurnedInAnnotation));
        Assert.Equal(["113100", "113101"],
            back.Dataset.GetSequence(DicomTag.DeidentificationMethodCodeSequence).Items.Select(c => c.Text(DicomTag.CodeValue)));
    }

    [Fact]
    public void A_jpeg_baseline_ybr_secondary_capture_from_dcmtk_is_cleaned_into_native_rgb()
    {
        using var input = DicomFile.Open(Corpus.PathOf("test_files/SC_rgb_jpeg_dcmtk.dcm"));
        var before = new DicomPixelData(input.Dataset, input.TransferSyntax);
        var columns = before.Info.Columns;
        var expected = before.GetFrameBytes(0).ToArray();
        var rule = new CleanPixelRule(null, null, before.Info.Rows, columns, [new PixelRectangle(0, 0, columns, 10)]);

        var result = new DicomDeidentifier(DeidentificationOptions.Basic with { CleanPixelRules = [rule] }, Deid.Secret).Deidentify(input);
        using var back = DicomFile.Read(DicomFileWriter.ToArray(result.File));

        Assert.Equal(DicomUids.ExplicitVRLittleEndian, back.TransferSyntax.Uid);
        Assert.Equal("RGB", back.Dataset.Text(DicomTag.PhotometricInterpretation));
        var after = new DicomPixelData(back.Dataset, back.TransferSyntax).GetFrameBytes(0).ToArray();
        var banner = columns * 10 * 3;
        Assert.All(after[..banner], b => Assert.Equal(0, b));
        Assert.Equal(expected[banner..], after[banner..]);
    }

    [Fact]
    public void Rectangles_reaching_past_the_frame_are_clipped()
    {
        var options = DeidentificationOptions.Basic with
        {
            CleanPixelRules = [TopBanner with { Rectangles = [new PixelRectangle(30, 30, 100, 100), new PixelRectangle(-5, -5, 6, 6)] }],
        };
        var (file, _, _) = Deid.Run(Instances.SecondaryCapture(Instances.Dupont), options);
        var values = new DicomPixelData(file.Dataset, file.TransferSyntax).GetContainerValues(0);

        Assert.Equal(0, values[0]);
        Assert.NotEqual(0, values[1]);
        Assert.Equal(0, values[31 * 32 + 31]);
        Assert.NotEqual(0, values[29 * 32 + 29]);
    }

    [Fact]
    public void Pixel_rules_are_read_from_json()
    {
        var rules = CleanPixelRules.FromJson("""
            [{"modality": "US", "manufacturer": "ACME", "rows": 480, "columns": 640,
              "rectangles": [{"x": 0, "y": 0, "width": 640, "height": 40}]}]
            """);
        Assert.Equal(new PixelRectangle(0, 0, 640, 40), Assert.Single(Assert.Single(rules).Rectangles));
        Assert.Equal("US", rules[0].Modality);
        Assert.Throws<FormatException>(() => CleanPixelRules.FromJson("""[{"modality": "US", "rectangles": []}]"""));
        Assert.Throws<FormatException>(() => CleanPixelRules.FromJson("{"));
    }

    private static DicomDataset Pdf(Instances.Patient p)
    {
        var ds = Instances.Ct(p);
        ds.RemoveAll(i => i.Tag.Group == 0x0028 || i.Tag == DicomTag.PixelData);
        return ds.Add(DicomTag.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.104.1")
            .Add(DicomTag.Modality, DicomVR.CS, "DOC")
            .AddOrUpdate(new DicomElement(DicomTag.EncapsulatedDocument, DicomVR.OB, "%PDF-1.4 Dupont"u8.ToArray().Append((byte)0).ToArray()));
    }
}
