using Airadcr.Dicom.Deidentification;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>
/// Issue 21, item 5: the same study (CT, SR, multi-frame JPEG-LS) through our basic profile and through Orthanc's
/// <c>/studies/{id}/anonymize</c>, attribute by attribute at every depth. We remove, empty or replace every Table
/// E.1-1 attribute Orthanc does (we remove at least what the profile requires), and keep unchanged what Orthanc keeps
/// unchanged (we keep what the profile allows: pixel data, geometry, modality...). Each legitimate difference is
/// listed below with its reason. What a replaced attribute is replaced with is not compared, by design: Orthanc's
/// dummies and generated patient identifiers, its random UIDs against our keyed 2.25 UIDs (consistent across studies and
/// runs for one project secret), its De-identification Method text against ours (the CID 7050 meanings).
/// </summary>
public sealed class OrthancComparisonTests(OrthancAnonymizedStudy study) : IClassFixture<OrthancAnonymizedStudy>
{
    /// <summary>Table attributes Orthanc removes or empties and we keep changed inside, and why.</summary>
    private static readonly LegitimateDifference[] WeKeepWhatOrthancEmpties =
    [
        new(p => p.Tag == DicomTag.ContentSequence,
            "Content Sequence is D: we keep the SR tree with the table applied to every item (E.3: D on a sequence, a "
            + "dummy tree of the same shape; codes and numbers kept, text, names, dates and UIDs inside changed, each "
            + "checked by the other tests); Orthanc empties it"),
    ];

    /// <summary>Attributes Orthanc keeps as they were and we change, and why.</summary>
    private static readonly LegitimateDifference[] WeChangeWhatOrthancKeeps =
    [
        new(p => p.Tag.Group is >= 0x6000 and <= 0x601E,
            "Overlay Data (60xx,3000) and Overlay Comments (60xx,4000) are X: we remove the whole overlay group, since an "
            + "Overlay Plane without its type 1 Overlay Data is invalid; Orthanc keeps the rest of the group (its comment too: see below)"),
    ];

    public static TheoryData<string> InstanceNames => new("CT", "SR", "multi-frame JPEG-LS");

    [Theory]
    [MemberData(nameof(InstanceNames))]
    public void Every_table_attribute_Orthanc_removes_empties_or_replaces_we_change_too(string name)
    {
        var instance = study.Named(name);
        var original = instance.Original.Dataset;

        var keptByUs = (
            from a in ProfileChanges(original)
            let theirs = a.Path.In(original, a.Item, instance.Orthanc.Dataset)
            let ours = a.Path.In(original, a.Item, instance.Ours.Dataset)
            where theirs != Outcome.Kept && ours == Outcome.Kept && !IsEmpty(a.Item)
            where !WeKeepWhatOrthancEmpties.Any(d => d.Matches(a.Path))
            select $"{a.Path}: Orthanc {theirs}, ours {ours}").ToList();

        Assert.True(keptByUs.Count == 0, string.Join('\n', keptByUs));
    }

    [Theory]
    [MemberData(nameof(InstanceNames))]
    public void Every_table_attribute_is_removed_emptied_or_replaced_by_us_whatever_Orthanc_does(string name)
    {
        var instance = study.Named(name);
        var original = instance.Original.Dataset;

        var keptByUs = (
            from a in ProfileChanges(original)
            where a.Item is DicomElement { Length: > 0 } && a.Path.In(original, a.Item, instance.Ours.Dataset) == Outcome.Kept
            select a.Path.ToString()).ToList();

        Assert.True(keptByUs.Count == 0, string.Join('\n', keptByUs));
    }

    [Theory]
    [MemberData(nameof(InstanceNames))]
    public void What_Orthanc_keeps_unchanged_we_keep_unchanged(string name)
    {
        var instance = study.Named(name);
        var original = instance.Original.Dataset;

        var changedByUs = (
            from a in AttributePath.All(original)
            where a.Item is not DicomSequence
            where a.Path.In(original, a.Item, instance.Orthanc.Dataset) == Outcome.Kept
            let ours = a.Path.In(original, a.Item, instance.Ours.Dataset)
            where ours != Outcome.Kept && !WeChangeWhatOrthancKeeps.Any(d => d.Matches(a.Path))
            select $"{a.Path}: ours {ours}").ToList();

        Assert.True(changedByUs.Count == 0, string.Join('\n', changedByUs));
    }

    [Theory]
    [MemberData(nameof(InstanceNames))]
    public void Pixel_data_and_image_description_are_those_of_the_original_in_both(string name)
    {
        var instance = study.Named(name);
        DicomTag[] image =
        [
            DicomTag.Modality, DicomTag.SOPClassUID, DicomTag.Rows, DicomTag.Columns, DicomTag.BitsAllocated, DicomTag.BitsStored,
            DicomTag.PixelRepresentation, DicomTag.PhotometricInterpretation, DicomTag.NumberOfFrames, DicomTag.PixelSpacing,
            DicomTag.ImagePositionPatient, DicomTag.ImageOrientationPatient, DicomTag.SliceThickness, DicomTag.RescaleSlope,
            DicomTag.RescaleIntercept, DicomTag.PixelData,
        ];

        foreach (var tag in image.Where(instance.Original.Dataset.Contains))
        {
            var path = new AttributePath([], tag);
            var original = path.Value(instance.Original.Dataset[tag]!, instance.Original.Dataset);
            Assert.Equal(original, path.Value(instance.Ours.Dataset[tag]!, instance.Ours.Dataset));
            Assert.Equal(original, path.Value(instance.Orthanc.Dataset[tag]!, instance.Orthanc.Dataset));
        }

        Assert.Equal(instance.Original.TransferSyntax.Uid, instance.Ours.TransferSyntax.Uid);
        Assert.Equal(instance.Original.TransferSyntax.Uid, instance.Orthanc.TransferSyntax.Uid);
    }

    [Theory]
    [MemberData(nameof(InstanceNames))]
    public void No_identifier_of_the_original_is_left_in_our_output(string name)
    {
        var instance = study.Named(name);

        Assert.Empty(IdentifierScan.Find(instance.OursBytes, OrthancAnonymizedStudy.Patient.Identifiers()));
    }

    /// <summary>Orthanc 1.10 does not apply the table's repeating-group rows: Overlay Comments (60xx,4000), X in the
    /// table, stays with the operator's name in it ("drawn by OPERATOR^Olga"). Nothing else of the original is left.</summary>
    [Theory]
    [MemberData(nameof(InstanceNames))]
    public void Orthancs_output_keeps_no_identifier_but_in_the_overlay_comment_it_does_not_remove(string name)
    {
        var instance = study.Named(name);
        var overlayComment = new DicomTag(0x6000, 0x4000);
        var comment = instance.Orthanc.Dataset.Text(overlayComment) ?? "";

        var found = IdentifierScan.Find(instance.OrthancBytes, OrthancAnonymizedStudy.Patient.Identifiers());

        Assert.All(found, identifier => Assert.Contains(identifier, comment, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(instance.Original.Dataset.Text(overlayComment), instance.Orthanc.Dataset.Text(overlayComment));
        Assert.False(instance.Ours.Dataset.Contains(overlayComment));
    }

    [Theory]
    [MemberData(nameof(InstanceNames))]
    public void Both_mark_the_patient_identity_as_removed(string name)
    {
        var instance = study.Named(name);

        Assert.Equal("YES", instance.Ours.Dataset.Text(DicomTag.PatientIdentityRemoved));
        Assert.Equal("YES", instance.Orthanc.Dataset.Text(DicomTag.PatientIdentityRemoved));
    }

    /// <summary>The attributes of <paramref name="original"/>, at any depth, that the basic profile removes, empties
    /// or replaces (every action but K; private elements).</summary>
    private static IEnumerable<(AttributePath Path, DicomItem Item)> ProfileChanges(DicomDataset original) =>
        AttributePath.All(original).Where(a =>
            a.Path.Tag.IsPrivate || ConfidentialityProfile.Find(a.Path.Tag) is { Basic: not (ProfileAction.K or ProfileAction.No) });

    /// <summary>An empty value or sequence: nothing to remove, and keeping it empty is what Z asks.</summary>
    private static bool IsEmpty(DicomItem item) => item is DicomElement { Length: 0 } or DicomSequence { Items.Count: 0 };

    /// <summary>A difference between Orthanc's output and ours that the profile allows, and the reason.</summary>
    private sealed record LegitimateDifference(Func<AttributePath, bool> Matches, string Reason);
}
