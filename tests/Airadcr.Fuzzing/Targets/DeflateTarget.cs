using Airadcr.Dicom;
using Airadcr.Dicom.IO;

namespace Airadcr.Fuzzing.Targets;

/// <summary>A Deflated Explicit VR Little Endian dataset (the bytes after the meta group, as the SCP receives them).</summary>
internal sealed class DeflateTarget : DatasetTarget
{
    public override string Name => "deflate";

    protected override void Exercise(byte[] input) =>
        Consume(DicomDatasetReader.Read(input, DicomTransferSyntax.DeflatedExplicitVRLittleEndian, ReadOptions));
}
