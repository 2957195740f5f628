using Airadcr.Dicom.Imaging.Codecs;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>RLE Lossless encoded by us is decoded by dcmtk and GDCM to the original pixels, and theirs by us.</summary>
public sealed class RleCodecTests : IDisposable
{
    private readonly CodecOracle _oracle = new();

    public static TheoryData<int> Layouts => [.. Enumerable.Range(0, CodecTestImages.Common.Count)];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Our_rle_is_decoded_by_dcmtk_and_gdcm_to_the_same_pixels(int layout)
    {
        var original = CodecTestImages.Create(CodecTestImages.Common[layout], seed: layout + 1);
        var ours = DicomTranscoder.Transcode(original, DicomTransferSyntax.RLELossless);
        var path = _oracle.Save(ours, "ours-rle.dcm");
        var because = CodecTestImages.Common[layout].ToString();
        CodecOracle.AssertSamePixels(original, await _oracle.DcmtkAsync("dcmdrle", path, "dcmtk.dcm"), because + " (dcmdrle)");
        CodecOracle.AssertSamePixels(original, await _oracle.GdcmAsync(path, "gdcm.dcm", "--raw"), because + " (gdcmconv --raw)");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Their_rle_decodes_to_the_original_pixels(int layout)
    {
        var original = CodecTestImages.Create(CodecTestImages.Common[layout], seed: layout + 1);
        var path = _oracle.Save(original, "native.dcm");
        var because = CodecTestImages.Common[layout].ToString();
        CodecOracle.AssertSamePixels(original, await _oracle.DcmtkAsync("dcmcrle", path, "dcmtk.dcm"), because + " (dcmcrle)");
        CodecOracle.AssertSamePixels(original, await _oracle.GdcmAsync(path, "gdcm.dcm", "--rle"), because + " (gdcmconv --rle)");
    }

    public void Dispose() => _oracle.Dispose();
}
