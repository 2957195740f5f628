using Airadcr.Dicom.Deidentification;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>The basic profile (PS3.15 E.1) on CT, MR and SR instances: identifiers gone from the bytes, pseudonyms
/// keyed by the secret, references kept consistent, what the profile allows kept.</summary>
public sealed class BasicProfileTests
{
    [Theory]
    [InlineData("CT")]
    [InlineData("MR")]
    [InlineData("SR")]
    public void No_identifier_of_the_original_is_left_in_the_output_bytes(string kind)
    {
        foreach (var patient in new[] { Instances.Dupont, Instances.Muller })
        {
            var ct = Instances.Ct(patient);
            var dataset = kind switch { "CT" => ct, "MR" => Instances.Mr(patient), _ => Instances.Sr(patient, [ct]) };

            var (_, bytes, _) = Deid.Run(dataset);

            Assert.Empty(IdentifierScan.Find(bytes, patient.Identifiers()));
        }
    }

    [Fact]
    public void The_input_is_never_changed()
    {
        using var input = Instances.File(Instances.Ct(Instances.Dupont));
        var before = DicomFileWriter.ToArray(input);

        new DicomDeidentifier(DeidentificationOptions.Parse("basic+modified-dates+clean-descriptors"), Deid.Secret).Deidentify(input);

        Assert.Equal(before, DicomFileWriter.ToArray(input));
    }

    [Fact]
    public void Patient_id_name_and_accession_become_keyed_pseudonyms()
    {
        var (file, _, pseudonyms) = Deid.Run(Instances.Ct(Instances.Dupont));
        var (again, _, _) = Deid.Run(Instances.Mr(Instances.Dupont));
        var (otherSecret, _, _) = Deid.Run(Instances.Ct(Instances.Dupont), secret: Deid.OtherSecret);

        var id = file.Dataset.Text(DicomTag.PatientID)!;
        Assert.Matches("^P[0-9A-F]{16}$", id);
        Assert.Equal(id, file.Dataset.Text(DicomTag.PatientName));
        Assert.Equal(id, again.Dataset.Text(DicomTag.PatientID));
        Assert.NotEqual(id, otherSecret.Dataset.Text(DicomTag.PatientID));
        Assert.Matches("^A[0-9A-F]{15}$", file.Dataset.Text(DicomTag.AccessionNumber)!);
        Assert.Contains(new Pseudonym("PatientID", "PAT-000123", id), pseudonyms);
        Assert.Contains(new Pseudonym("PatientName", "Dupont^Hélène^Marie", id), pseudonyms);
        Assert.Contains(pseudonyms, p => p.Kind == "AccessionNumber" && p.Original == "ACC-777-42");
    }

    [Fact]
    public void Uids_are_remapped_the_same_way_in_every_file_of_a_study_and_in_every_reference()
    {
        var p = Instances.Dupont;
        var ct1 = Instances.Ct(p, 1, 1);
        var ct2 = Instances.Ct(p, 1, 2);
        var (a, _, pseudonyms) = Deid.Run(ct1);
        var (b, _, _) = Deid.Run(ct2);
        var (sr, _, _) = Deid.Run(Instances.Sr(p, [ct1, ct2]));

        var study = a.Dataset.Text(DicomTag.StudyInstanceUID)!;
        Assert.StartsWith("2.25.", study, StringComparison.Ordinal);
        Assert.Equal(study, b.Dataset.Text(DicomTag.StudyInstanceUID));
        Assert.Equal(study, sr.Dataset.Text(DicomTag.StudyInstanceUID));
        Assert.Equal(a.Dataset.Text(DicomTag.SeriesInstanceUID), b.Dataset.Text(DicomTag.SeriesInstanceUID));
        Assert.Equal(a.Dataset.Text(DicomTag.FrameOfReferenceUID), b.Dataset.Text(DicomTag.FrameOfReferenceUID));
        Assert.NotEqual(a.Dataset.Text(DicomTag.SOPInstanceUID), b.Dataset.Text(DicomTag.SOPInstanceUID));
        Assert.Equal(a.Dataset.Text(DicomTag.SOPInstanceUID), a.Meta.Text(DicomTag.MediaStorageSOPInstanceUID));

        // ct1 references ct2 (Referenced Image Sequence): the reference follows ct2's new UID.
        var reference = a.Dataset.GetSequence(DicomTag.ReferencedImageSequence).Items[0];
        Assert.Equal(b.Dataset.Text(DicomTag.SOPInstanceUID), reference.Text(DicomTag.ReferencedSOPInstanceUID));
        Assert.Equal(Instances.CtClass, reference.Text(DicomTag.ReferencedSOPClassUID));

        // The SR's evidence, its IMAGE item and its UIDREF item follow too.
        var evidence = sr.Dataset.GetSequence(DicomTag.CurrentRequestedProcedureEvidenceSequence).Items[0];
        Assert.Equal(study, evidence.Text(DicomTag.StudyInstanceUID));
        var series = evidence.GetSequence(DicomTag.ReferencedSeriesSequence).Items[0];
        Assert.Equal(a.Dataset.Text(DicomTag.SeriesInstanceUID), series.Text(DicomTag.SeriesInstanceUID));
        Assert.Equal(
            [a.Dataset.Text(DicomTag.SOPInstanceUID), b.Dataset.Text(DicomTag.SOPInstanceUID)],
            series.GetSequence(DicomTag.ReferencedSOPSequence).Items.Select(i => i.Text(DicomTag.ReferencedSOPInstanceUID)));
        var content = sr.Dataset.GetSequence(DicomTag.ContentSequence).Items;
        Assert.Equal(a.Dataset.Text(DicomTag.SOPInstanceUID),
            content.Single(i => i.Text(DicomTag.ValueType) == "IMAGE").GetSequence(DicomTag.ReferencedSOPSequence).Items[0].Text(DicomTag.ReferencedSOPInstanceUID));
        Assert.Equal(study, content.Single(i => i.Text(DicomTag.ValueType) == "UIDREF").Text(DicomTag.UID));

        Assert.Contains(pseudonyms, x => x.Kind == "StudyInstanceUID" && x.Original == p.StudyUid && x.Replacement == study);
        Assert.Contains(pseudonyms, x => x.Kind == "SeriesInstanceUID" && x.Original == p.SeriesUid(1));
        Assert.Contains(pseudonyms, x => x.Kind == "SOPInstanceUID" && x.Original == p.SopUid(1, 1));
        Assert.Contains(pseudonyms, x => x.Kind == "FrameOfReferenceUID" && x.Original == p.FrameOfReferenceUid);
    }

    [Fact]
    public void A_reference_to_an_instance_outside_the_set_is_remapped_like_any_other()
    {
        var ct = Instances.Ct(Instances.Dupont);
        var (sr, _, _) = Deid.Run(Instances.Sr(Instances.Dupont, [ct]));
        var (image, _, _) = Deid.Run(ct);

        var composite = sr.Dataset.GetSequence(DicomTag.ContentSequence).Items.Single(i => i.Text(DicomTag.ValueType) == "COMPOSITE");
        var outside = composite.GetSequence(DicomTag.ReferencedSOPSequence).Items[0].Text(DicomTag.ReferencedSOPInstanceUID);
        Assert.StartsWith("2.25.", outside, StringComparison.Ordinal);
        Assert.Equal(outside, image.Dataset.GetSequence(DicomTag.SourceImageSequence).Items[0].Text(DicomTag.ReferencedSOPInstanceUID));
    }

    [Fact]
    public void Two_studies_of_one_patient_keep_one_patient_pseudonym_and_get_two_study_uids()
    {
        var first = Instances.Dupont;
        var second = first with { StudyUid = "1.2.826.0.1.3680043.2.1125.3", StudyDate = "20250101", Accession = "ACC-999" };
        var (a, _, _) = Deid.Run(Instances.Ct(first));
        var (b, _, _) = Deid.Run(Instances.Ct(second));

        Assert.Equal(a.Dataset.Text(DicomTag.PatientID), b.Dataset.Text(DicomTag.PatientID));
        Assert.NotEqual(a.Dataset.Text(DicomTag.StudyInstanceUID), b.Dataset.Text(DicomTag.StudyInstanceUID));
        Assert.NotEqual(a.Dataset.Text(DicomTag.AccessionNumber), b.Dataset.Text(DicomTag.AccessionNumber));
    }

    [Fact]
    public void Registry_uids_are_never_remapped()
    {
        var (file, _, pseudonyms) = Deid.Run(Instances.Ct(Instances.Dupont));

        Assert.Equal(Instances.CtClass, file.Dataset.Text(DicomTag.SOPClassUID));
        Assert.Equal(Instances.CtClass, file.Meta.Text(DicomTag.MediaStorageSOPClassUID));
        Assert.Equal(Instances.CtClass, file.Dataset.GetSequence(DicomTag.SourceImageSequence).Items[0].Text(DicomTag.ReferencedSOPClassUID));
        Assert.DoesNotContain(pseudonyms, p => p.Original.StartsWith("1.2.840.10008.", StringComparison.Ordinal));
    }

    [Fact]
    public void Attributes_follow_the_table_actions()
    {
        var (file, _, _) = Deid.Run(Instances.Ct(Instances.Dupont));
        var ds = file.Dataset;

        Assert.Equal(0, ds.GetElement(DicomTag.StudyDate).Length);              // Z
        Assert.Equal(0, ds.GetElement(DicomTag.PatientBirthDate).Length);       // Z
        Assert.Equal(0, ds.GetElement(DicomTag.ReferringPhysicianName).Length); // Z
        Assert.Equal("19000101", ds.Text(DicomTag.ContentDate));                // Z/D -> D
        Assert.Equal("ANONYMIZED", ds.Text(DicomTag.InstitutionName));          // X/Z/D -> D
        Assert.False(ds.Contains(DicomTag.InstitutionAddress));                 // X
        Assert.False(ds.Contains(DicomTag.OtherPatientIDs));                    // X
        Assert.False(ds.Contains(DicomTag.StudyDescription));                   // X
        Assert.False(ds.Contains(DicomTag.PatientAge));                         // X
        Assert.False(ds.Contains(DicomTag.RequestAttributesSequence));          // X
        Assert.Empty(ds.GetSequence(DicomTag.AcquisitionContextSequence).Items); // X/Z -> Z
        Assert.Equal("120", ds.Text(DicomTag.KVP));                             // not listed: kept
        Assert.Equal("ACME Medical", ds.Text(DicomTag.Manufacturer));           // not listed: kept
        Assert.DoesNotContain(ds, i => i.Tag.Group == 0x6000);                  // overlay data X: the whole overlay goes
        Assert.DoesNotContain(ds, i => i.Tag.IsPrivate);                        // private X
    }

    [Fact]
    public void Sr_content_keeps_codes_and_numbers_and_loses_free_text_names_and_dates()
    {
        var (sr, _, _) = Deid.Run(Instances.Sr(Instances.Dupont, [Instances.Ct(Instances.Dupont)]));
        var items = sr.Dataset.GetSequence(DicomTag.ContentSequence).Items;

        Assert.Equal(7, items.Count);
        Assert.Equal("ANONYMIZED", items.Single(i => i.Text(DicomTag.ValueType) == "TEXT").Text(DicomTag.TextValue));
        Assert.Equal("ANONYMIZED", items.Single(i => i.Text(DicomTag.ValueType) == "PNAME").Text(DicomTag.PersonName));
        Assert.Equal("19000101", items.Single(i => i.Text(DicomTag.ValueType) == "DATE").Text(DicomTag.Date));
        var num = items.Single(i => i.Text(DicomTag.ValueType) == "NUM");
        Assert.Equal("12.5", num.GetSequence(DicomTag.MeasuredValueSequence).Items[0].Text(DicomTag.NumericValue));
        Assert.Equal("Length", num.GetSequence(DicomTag.ConceptNameCodeSequence).Items[0].Text(DicomTag.CodeMeaning));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_method_is_recorded_with_its_cid_7050_codes(bool modified)
    {
        var options = modified ? DeidentificationOptions.Parse("basic+modified-dates+retain-uids") : DeidentificationOptions.Basic;
        var (file, _, _) = Deid.Run(Instances.Ct(Instances.Dupont), options);
        var ds = file.Dataset;

        Assert.Equal("YES", ds.Text(DicomTag.PatientIdentityRemoved));
        var codes = ds.GetSequence(DicomTag.DeidentificationMethodCodeSequence).Items;
        Assert.All(codes, c => Assert.Equal("DCM", c.Text(DicomTag.CodingSchemeDesignator)));
        Assert.Equal(modified ? ["113100", "113107", "113110"] : ["113100"], codes.Select(c => c.Text(DicomTag.CodeValue)));
        Assert.Equal("Basic Application Confidentiality Profile", codes[0].Text(DicomTag.CodeMeaning));
        Assert.Equal(codes.Select(c => c.Text(DicomTag.CodeMeaning)), ds.GetStrings(DicomTag.DeidentificationMethod));
        Assert.Equal(modified ? "MODIFIED" : null, ds.Text(DicomTag.LongitudinalTemporalInformationModified));
    }

    [Fact]
    public void Non_ascii_names_in_iso_ir_100_and_iso_ir_192_are_replaced()
    {
        foreach (var patient in new[] { Instances.Dupont, Instances.Muller })
        {
            var (file, bytes, _) = Deid.Run(Instances.Ct(patient));
            Assert.Matches("^P[0-9A-F]{16}$", file.Dataset.Text(DicomTag.PatientName)!);
            Assert.Empty(IdentifierScan.Find(bytes, [patient.Name, .. patient.Name.Split('^')]));
        }
    }

    [Fact]
    public void Compressed_pixel_data_is_copied_bit_for_bit()
    {
        using var native = Instances.File(Instances.Ct(Instances.Dupont));
        var compressed = Imaging.Codecs.DicomTranscoder.Transcode(native, DicomTransferSyntax.Lookup(DicomUids.JPEGLSLossless));
        using var input = DicomFile.Read(DicomFileWriter.ToArray(compressed));

        var result = new DicomDeidentifier(DeidentificationOptions.Basic, Deid.Secret).Deidentify(input);
        using var back = DicomFile.Read(DicomFileWriter.ToArray(result.File));

        Assert.Equal(DicomUids.JPEGLSLossless, back.TransferSyntax.Uid);
        var before = (DicomFragmentSequence)input.Dataset[DicomTag.PixelData]!;
        var after = (DicomFragmentSequence)back.Dataset[DicomTag.PixelData]!;
        Assert.Equal(before.Fragments.Select(f => f.ToArray()), after.Fragments.Select(f => f.ToArray()));
    }

    [Fact]
    public void A_secret_shorter_than_16_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new DicomDeidentifier(DeidentificationOptions.Basic, new byte[8]));
    }
}
