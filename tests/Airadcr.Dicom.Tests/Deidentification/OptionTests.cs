using System.Globalization;
using Airadcr.Dicom.Deidentification;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>Each option of Table E.1-1, on and off.</summary>
public sealed class OptionTests
{
    private static DicomDataset Run(string profile, DicomDataset? dataset = null) =>
        Deid.Run(dataset ?? Instances.Ct(Instances.Dupont), DeidentificationOptions.Parse(profile)).File.Dataset;

    [Fact]
    public void Parse_reads_every_option_and_refuses_unknown_ones_and_both_temporal_options()
    {
        var all = DeidentificationOptions.Parse("basic+" + string.Join('+', DeidentificationOptions.ProfileNames.Where(n => n != "full-dates")));
        Assert.True(all is
        {
            RetainSafePrivate: true, RetainUids: true, RetainDeviceIdentity: true, RetainInstitutionIdentity: true,
            RetainPatientCharacteristics: true, RetainLongitudinalTemporalModified: true, RetainLongitudinalTemporalFull: false,
            CleanDescriptors: true, CleanStructuredContent: true, CleanGraphics: true,
        });
        Assert.Equal(DeidentificationOptions.Basic, DeidentificationOptions.Parse("basic"));
        Assert.Throws<FormatException>(() => DeidentificationOptions.Parse("basic+retain-everything"));
        Assert.Throws<FormatException>(() => DeidentificationOptions.Parse("retain-uids"));
        Assert.Throws<FormatException>(() => DeidentificationOptions.Parse("basic+full-dates+modified-dates"));
    }

    [Fact]
    public void Full_dates_keep_dates_and_times()
    {
        var ds = Run("basic+full-dates");
        Assert.Equal("20240612", ds.Text(DicomTag.StudyDate));
        Assert.Equal("20240612", ds.Text(DicomTag.ContentDate));
        Assert.Equal("101010", ds.Text(DicomTag.StudyTime));
        Assert.Equal(0, ds.GetElement(DicomTag.PatientBirthDate).Length); // no option retains the birth date
    }

    [Fact]
    public void Modified_dates_move_every_date_of_a_patient_by_one_keyed_offset_and_keep_times()
    {
        var p = Instances.Dupont;
        var ct = Run("basic+modified-dates", Instances.Ct(p));
        var sr = Run("basic+modified-dates", Instances.Sr(p, [Instances.Ct(p)]));
        var later = Run("basic+modified-dates", Instances.Ct(p with { StudyUid = "1.2.826.0.1.3680043.2.1125.4", StudyDate = "20250301" }));
        var otherSecret = Deid.Run(Instances.Ct(p), DeidentificationOptions.Parse("basic+modified-dates"), Deid.OtherSecret).File.Dataset;

        var shift = Days(ct.Text(DicomTag.StudyDate)!) - Days(p.StudyDate);
        Assert.InRange(shift, -3652, -1);
        Assert.Equal(ct.Text(DicomTag.StudyDate), ct.Text(DicomTag.ContentDate));
        Assert.Equal(ct.Text(DicomTag.StudyDate), ct.Text(DicomTag.AcquisitionDate));
        Assert.Equal(ct.Text(DicomTag.StudyDate), sr.Text(DicomTag.StudyDate));
        Assert.Equal(ct.Text(DicomTag.StudyDate),
            sr.GetSequence(DicomTag.ContentSequence).Items.Single(i => i.Text(DicomTag.ValueType) == "DATE").Text(DicomTag.Date));
        Assert.Equal(Days("20250301") - Days(p.StudyDate), Days(later.Text(DicomTag.StudyDate)!) - Days(ct.Text(DicomTag.StudyDate)!));
        Assert.NotEqual(ct.Text(DicomTag.StudyDate), otherSecret.Text(DicomTag.StudyDate));
        Assert.Equal("101010", ct.Text(DicomTag.StudyTime));
        Assert.Equal("MODIFIED", ct.Text(DicomTag.LongitudinalTemporalInformationModified));
    }

    [Theory]
    [InlineData("retain-device-identity", 0x00181000u, "SN-4711-XYZ", "ANONYMIZED")]             // Device Serial Number
    [InlineData("retain-device-identity", 0x00081010u, "CT-ROOM-7", "ANONYMIZED")]               // Station Name
    [InlineData("retain-institution-identity", 0x00080080u, "Clinique Saint-Éloi", "ANONYMIZED")] // Institution Name
    [InlineData("retain-institution-identity", 0x00080081u, "RUE DES LILAS 12", null)]           // Institution Address
    [InlineData("retain-patient-characteristics", 0x00100040u, "F", "")]                         // Patient's Sex
    [InlineData("retain-patient-characteristics", 0x00101010u, "063Y", null)]                    // Patient's Age
    [InlineData("retain-patient-characteristics", 0x00101030u, "61.5", null)]                    // Patient's Weight
    public void A_retain_option_keeps_what_it_names_and_only_with_it(string option, uint tag, string kept, string? without)
    {
        Assert.Equal(kept, Run(Profile(option)).Text(new DicomTag(tag)));
        Assert.Equal(without, Run("basic").Text(new DicomTag(tag)));
    }

    [Fact]
    public void Retain_uids_keeps_every_uid_and_reference()
    {
        var p = Instances.Dupont;
        var ds = Run("basic+retain-uids");
        var sr = Run("basic+retain-uids", Instances.Sr(p, [Instances.Ct(p)]));

        Assert.Equal(p.StudyUid, ds.Text(DicomTag.StudyInstanceUID));
        Assert.Equal(p.SopUid(1, 1), ds.Text(DicomTag.SOPInstanceUID));
        Assert.Equal(p.FrameOfReferenceUid, ds.Text(DicomTag.FrameOfReferenceUID));
        Assert.Equal(p.SopUid(1, 2), ds.GetSequence(DicomTag.ReferencedImageSequence).Items[0].Text(DicomTag.ReferencedSOPInstanceUID));
        Assert.Equal(p.StudyUid, sr.GetSequence(DicomTag.ContentSequence).Items.Single(i => i.Text(DicomTag.ValueType) == "UIDREF").Text(DicomTag.UID));
    }

    [Theory]
    [InlineData("retain-safe-private")]
    [InlineData("")]
    public void Retain_safe_private_keeps_only_the_safe_list(string option)
    {
        var ds = Run(Profile(option));
        var kept = option.Length > 0;

        Assert.Equal(kept, ds.Contains(new DicomTag(0x0019, 0x100C)));                       // SIEMENS MR HEADER B_value
        Assert.Equal(kept ? "SIEMENS MR HEADER" : null, ds.Text(new DicomTag(0x0019, 0x0010))); // its creator
        Assert.False(ds.Contains(new DicomTag(0x0019, 0x1008)));                              // same creator, not safe
        Assert.False(ds.Contains(new DicomTag(0x0009, 0x0010)));                              // GEMS_IDEN_01: nothing safe
        Assert.False(ds.Contains(new DicomTag(0x0011, 0x1001)));                              // unknown creator
    }

    [Theory]
    [InlineData("clean-descriptors")]
    [InlineData("")]
    public void Clean_descriptors_keeps_descriptions_without_the_identifiers_they_carry(string option)
    {
        var (file, bytes, _) = Deid.Run(Instances.Ct(Instances.Dupont), DeidentificationOptions.Parse(Profile(option)));
        var ds = file.Dataset;
        if (option.Length > 0)
        {
            Assert.Equal("Thorax", ds.Text(DicomTag.StudyDescription));
            Assert.Equal("Axial 1mm", ds.Text(DicomTag.SeriesDescription));
            Assert.Equal("ISO_IR 192", ds.Text(DicomTag.SpecificCharacterSet)); // cleaned text is written as UTF-8
        }
        else
        {
            Assert.Null(ds.Text(DicomTag.StudyDescription));
            Assert.Null(ds.Text(DicomTag.SeriesDescription));
        }

        Assert.Empty(IdentifierScan.Find(bytes, Instances.Dupont.Identifiers()));
    }

    [Theory]
    [InlineData("clean-structured-content")]
    [InlineData("")]
    public void Clean_structured_content_keeps_the_acquisition_context(string option)
    {
        var ds = Run(Profile(option));
        var items = ds.GetSequence(DicomTag.AcquisitionContextSequence).Items;
        Assert.Equal(option.Length > 0 ? 1 : 0, items.Count);
        if (items.Count > 0)
        {
            Assert.Equal("Iodine", items[0].GetSequence(DicomTag.ConceptCodeSequence).Items[0].Text(DicomTag.CodeMeaning));
        }
    }

    [Theory]
    [InlineData("clean-graphics")]
    [InlineData("")]
    public void Clean_graphics_keeps_overlays_with_their_comments_cleaned(string option)
    {
        var (file, bytes, _) = Deid.Run(Instances.Ct(Instances.Dupont), DeidentificationOptions.Parse(Profile(option)));
        var kept = option.Length > 0;
        Assert.Equal(kept, file.Dataset.Contains(new DicomTag(0x6000, 0x3000)));
        Assert.Equal(kept, file.Dataset.Contains(new DicomTag(0x6000, 0x0010)));
        Assert.Equal(kept ? "drawn by" : null, file.Dataset.Text(new DicomTag(0x6000, 0x4000)));
        Assert.Empty(IdentifierScan.Find(bytes, ["OPERATOR^Olga", "OPERATOR"]));
    }

    [Fact]
    public void Every_option_together_still_leaves_no_identifier_outside_what_the_options_keep()
    {
        var p = Instances.Dupont;
        var profile = "basic+retain-safe-private+clean-descriptors+clean-structured-content+clean-graphics+modified-dates";
        foreach (var dataset in new[] { Instances.Ct(p), Instances.Mr(p), Instances.Sr(p, [Instances.Ct(p)]) })
        {
            var (_, bytes, _) = Deid.Run(dataset, DeidentificationOptions.Parse(profile));
            Assert.Empty(IdentifierScan.Find(bytes, p.Identifiers()));
        }
    }

    private static string Profile(string option) => option.Length == 0 ? "basic" : "basic+" + option;

    private static int Days(string date) =>
        DateOnly.ParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber;
}
