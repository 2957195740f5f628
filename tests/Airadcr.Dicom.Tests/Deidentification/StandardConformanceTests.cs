using System.Text.RegularExpressions;
using Airadcr.Dicom.Deidentification;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>
/// Issue 21's proofs on real files (pydicom's corpus: GE CT with private groups, MR, JPEG 2000, SRs, RT objects,
/// waveforms, character sets) and on ours: dicom3tools' dciodvfy reports no error in the output that the original
/// did not have, and none of the original's identifiers is left in the output's bytes.
/// </summary>
public sealed partial class StandardConformanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-deid-iod-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> CorpusFiles => new(
        "test_files/CT_small.dcm", "test_files/MR_small.dcm", "test_files/MR_small_jp2klossless.dcm",
        "test_files/MR_small_RLE.dcm", "test_files/test-SR.dcm", "test_files/reportsi.dcm", "test_files/rtplan.dcm",
        "test_files/rtstruct.dcm", "test_files/rtdose.dcm", "test_files/waveform_ecg.dcm", "test_files/MR_small_bigendian.dcm",
        "charset_files/chrSQEncoding.dcm");

    public static TheoryData<string> OwnInstances => new("CT", "MR", "SR");

    private static readonly DicomTag[] IdentifyingText =
    [
        DicomTag.PatientName, DicomTag.PatientID, DicomTag.AccessionNumber, DicomTag.InstitutionName,
        DicomTag.InstitutionAddress, DicomTag.StationName, DicomTag.ReferringPhysicianName, DicomTag.OperatorsName,
        DicomTag.PerformingPhysicianName, DicomTag.StudyID, DicomTag.DeviceSerialNumber, DicomTag.OtherPatientIDs,
        DicomTag.PatientBirthDate, DicomTag.StudyDate, DicomTag.StudyDescription, DicomTag.TextValue, DicomTag.PersonName,
    ];

    /// <summary>What the profile keeps (not listed in Table E.1-1); a corpus file may repeat them as an institution.</summary>
    private static readonly DicomTag[] DeviceDescriptions = [DicomTag.Manufacturer, DicomTag.ManufacturerModelName];

    /// <summary>UIDs that name a coding scheme or a class, not an instance: never remapped.</summary>
    private static readonly DicomTag[] SchemeUids = [DicomTag.CodingSchemeUID, DicomTag.ReferencedSOPClassUID, DicomTag.SOPClassUID];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task A_corpus_file_gains_no_dciodvfy_error_and_keeps_no_identifier(string relative)
    {
        await Check(Corpus.PathOf(relative), DeidentificationOptions.Basic);
        await Check(Corpus.PathOf(relative), DeidentificationOptions.Parse("basic+modified-dates+clean-descriptors+clean-structured-content"));
    }

    [Theory]
    [MemberData(nameof(OwnInstances))]
    public async Task Our_instances_gain_no_dciodvfy_error_and_keep_no_identifier(string kind)
    {
        var p = Instances.Dupont;
        var dataset = kind switch { "CT" => Instances.Ct(p), "MR" => Instances.Mr(p), _ => Instances.Sr(p, [Instances.Ct(p)]) };
        var input = Path.Combine(_dir, kind + ".dcm");
        new DicomFile(dataset).Save(input, DicomTransferSyntax.ExplicitVRLittleEndian);

        var output = await Check(input, DeidentificationOptions.Basic);

        Assert.Empty(IdentifierScan.Find(File.ReadAllBytes(output), p.Identifiers()));
    }

    private async Task<string> Check(string input, DeidentificationOptions options)
    {
        var output = Path.Combine(_dir, Path.GetFileNameWithoutExtension(input) + "-deid.dcm");
        new DicomDeidentifier(options, Deid.Secret).DeidentifyFile(input, output);

        var before = await DciodvfyErrors(input);
        var after = await DciodvfyErrors(output);
        var gained = after.Except(before).ToList();
        Assert.True(gained.Count == 0, $"dciodvfy errors the original did not have:\n{string.Join('\n', gained)}");

        using (var written = DicomFile.Open(output))
        {
            Assert.DoesNotContain(written.Dataset, i => i.Tag.IsPrivate && !options.RetainSafePrivate);
        }

        using var original = DicomFile.Open(input);
        var kept = DeviceDescriptions.SelectMany(t => original.Dataset.TryGetElement(t, out var e) ? e.GetStrings(original.Dataset.Charset) : []).ToList();
        var identifiers = Identifiers(original.Dataset, options)
            .Where(id => !kept.Any(k => k.Contains(id, StringComparison.OrdinalIgnoreCase))); // "TOSHIBA" as institution and manufacturer
        Assert.Empty(IdentifierScan.Find(File.ReadAllBytes(output), identifiers));
        return output;
    }

    /// <summary>The original's identifying text (at any depth), every date unless dates are kept or shifted, every
    /// UID that is not the standard's.</summary>
    private static IEnumerable<string> Identifiers(DicomDataset dataset, DeidentificationOptions options)
    {
        foreach (var item in dataset)
        {
            if (item is DicomSequence sequence)
            {
                foreach (var value in sequence.Items.SelectMany(i => Identifiers(i, options)))
                {
                    yield return value;
                }
            }
            else if (item is DicomElement { Length: > 0 } e && !e.Tag.IsPrivate && e.VR.IsString())
            {
                var values = e.GetStrings(dataset.Charset).Select(v => v.Trim()).Where(v => v.Length >= 4);
                var identifying = IdentifyingText.Contains(e.Tag)
                    || (e.VR is DicomVR.DA && !options.RetainLongitudinalTemporalFull)
                    || (e.VR is DicomVR.UI && !SchemeUids.Contains(e.Tag) && !DicomUidInfo.All.Any(u => values.Contains(u.Uid)));
                if (identifying && !(e.Tag == DicomTag.StudyDescription && options.CleanDescriptors))
                {
                    foreach (var value in values.Where(v => v != "ANONYMIZED"))
                    {
                        yield return value;
                    }
                }
            }
        }
    }

    /// <summary>dciodvfy's "Error" lines, UIDs and quoted values taken out (they change with de-identification).</summary>
    private static async Task<HashSet<string>> DciodvfyErrors(string file)
    {
        var result = await ExternalTool.RunAsync("dciodvfy", "dicom3tools", [file], TestContext.Current.CancellationToken);
        return
        [
            .. (result.StandardOutput + result.StandardError).Split('\n')
                .Where(line => line.StartsWith("Error", StringComparison.Ordinal))
                .Select(line => Values().Replace(Uids().Replace(line, "#"), "= <>")),
        ];
    }

    [GeneratedRegex(@"\d+(\.\d+)*")]
    private static partial Regex Uids();

    [GeneratedRegex("= <[^>]*>")]
    private static partial Regex Values();
}
