using Airadcr.Dicom.Deidentification;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>The generated Table E.1-1 (eng/generate-confidentiality-profile.py) and how its cells resolve.</summary>
public sealed class ConfidentialityProfileTableTests
{
    [Fact]
    public void The_table_has_every_row_of_the_2024b_edition_once()
    {
        Assert.Equal(621, ConfidentialityProfile.All.Count);
        Assert.Equal(621, ConfidentialityProfile.All.Select(a => a.Pattern).Distinct().Count());
    }

    [Theory]
    [InlineData(0x00100010u, "Patient's Name", "Z")]
    [InlineData(0x0020000Du, "Study Instance UID", "U")]
    [InlineData(0x00081140u, "Referenced Image Sequence", "XZU")]
    [InlineData(0x50023000u, "Curve Data", "X")]
    [InlineData(0x601E3000u, "Overlay Data", "X")]
    [InlineData(0x60024000u, "Overlay Comments", "X")]
    [InlineData(0x00291010u, "Private Attributes", "X")]
    public void Tags_and_patterns_find_their_row(uint tag, string name, string basic)
    {
        var row = ConfidentialityProfile.Find(new DicomTag(tag));
        Assert.NotNull(row);
        Assert.Equal(name, row.Name);
        Assert.Equal(basic, row.Basic.ToString());
    }

    [Fact]
    public void Attributes_the_table_does_not_list_find_no_row()
    {
        Assert.Null(ConfidentialityProfile.Find(DicomTag.Rows));
        Assert.Null(ConfidentialityProfile.Find(new DicomTag(0x6002, 0x0010))); // overlay rows: only 3000 and 4000 are listed
    }

    [Fact]
    public void A_keeping_option_wins_over_a_cleaning_one_which_wins_over_the_basic_profile()
    {
        var deviceUid = ConfidentialityProfile.Find(DicomTag.DeviceUID)!;
        Assert.Equal(ProfileAction.U, deviceUid.ActionFor(DeidentificationOptions.Basic));
        Assert.Equal(ProfileAction.K, deviceUid.ActionFor(DeidentificationOptions.Parse("basic+retain-device-identity")));

        var studyDate = ConfidentialityProfile.Find(DicomTag.StudyDate)!;
        Assert.Equal(ProfileAction.C, studyDate.ActionFor(DeidentificationOptions.Parse("basic+modified-dates")));
        Assert.Equal(ProfileAction.K, studyDate.ActionFor(DeidentificationOptions.Parse("basic+full-dates")));

        // (0040,A124) UID has no Retain UIDs cell; the option keeps it anyway, with the references it names.
        Assert.Equal(ProfileAction.K, ConfidentialityProfile.Find(DicomTag.UID)!.ActionFor(DeidentificationOptions.Parse("basic+retain-uids")));
    }
}
