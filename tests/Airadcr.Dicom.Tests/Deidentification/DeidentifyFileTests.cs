using Airadcr.Dicom.Deidentification;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>Files in, files out: the output appears whole or not at all.</summary>
public sealed class DeidentifyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-deid-").FullName;
    private readonly DicomDeidentifier _deidentifier = new(DeidentificationOptions.Basic, Deid.Secret);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, DicomDataset dataset, DicomTransferSyntax? syntax = null)
    {
        var path = Path.Combine(_dir, name);
        new DicomFile(dataset).Save(path, syntax ?? DicomTransferSyntax.ExplicitVRLittleEndian);
        return path;
    }

    [Fact]
    public void Writes_the_output_and_returns_the_pseudonyms()
    {
        var input = Write("ct.dcm", Instances.Ct(Instances.Dupont));
        var output = Path.Combine(_dir, "out.dcm");

        var pseudonyms = _deidentifier.DeidentifyFile(input, output);

        Assert.Contains(pseudonyms, p => p.Kind == "PatientID" && p.Original == "PAT-000123");
        Assert.Empty(IdentifierScan.Find(File.ReadAllBytes(output), Instances.Dupont.Identifiers()));
        Assert.False(File.Exists(output + ".part"));
    }

    [Fact]
    public void A_truncated_file_fails_and_leaves_no_output()
    {
        var input = Write("ct.dcm", Instances.Ct(Instances.Dupont));
        var bytes = File.ReadAllBytes(input);
        File.WriteAllBytes(input, bytes[..(bytes.Length / 2)]);
        var output = Path.Combine(_dir, "out.dcm");

        Assert.Throws<DicomFormatException>(() => _deidentifier.DeidentifyFile(input, output));

        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".part"));
    }

    [Fact]
    public void A_refused_instance_leaves_no_output()
    {
        var input = Write("sc.dcm", Instances.SecondaryCapture(Instances.Dupont));
        var output = Path.Combine(_dir, "out.dcm");

        Assert.Throws<DeidentificationRefusedException>(() => _deidentifier.DeidentifyFile(input, output));

        Assert.Empty(Directory.EnumerateFiles(_dir, "out*"));
    }

    [Fact]
    public void Sequences_nested_past_the_reader_limit_are_a_format_error()
    {
        var dataset = Instances.Ct(Instances.Dupont);
        var innermost = new DicomDataset().Add(DicomTag.CodeValue, DicomVR.SH, "X");
        for (var i = 0; i < DicomReadOptions.Default.MaxDepth + 2; i++)
        {
            innermost = new DicomDataset().Add(DicomTag.ContentSequence, innermost);
        }

        dataset.Add(DicomTag.ContentSequence, innermost);
        var input = Write("deep.dcm", dataset);
        var output = Path.Combine(_dir, "out.dcm");

        var ex = Assert.Throws<DicomFormatException>(() => _deidentifier.DeidentifyFile(input, output));

        Assert.Contains("deeper than", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Unknown_private_elements_of_an_implicit_vr_file_are_removed()
    {
        var input = Write("implicit.dcm", Instances.Ct(Instances.Dupont), DicomTransferSyntax.ImplicitVRLittleEndian);
        var output = Path.Combine(_dir, "out.dcm");

        _deidentifier.DeidentifyFile(input, output);

        using var file = DicomFile.Open(output);
        Assert.Equal(DicomUids.ImplicitVRLittleEndian, file.TransferSyntax.Uid);
        Assert.DoesNotContain(file.Dataset, i => i.Tag.IsPrivate);
    }
}
