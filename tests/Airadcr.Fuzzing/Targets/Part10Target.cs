using Airadcr.Dicom.IO;

namespace Airadcr.Fuzzing.Targets;

/// <summary>A Part 10 file (or a raw dataset) read from memory, then dumped, written as DICOM JSON and re-encoded:
/// what the CLI, the gateway's SCP and its start-up recovery do with a file they did not write.</summary>
internal sealed class Part10Target : DatasetTarget
{
    public override string Name => "part10";

    protected override void Exercise(byte[] input)
    {
        using var file = DicomFile.Read(input, ReadOptions);
        Consume(file.Dataset);
    }
}
