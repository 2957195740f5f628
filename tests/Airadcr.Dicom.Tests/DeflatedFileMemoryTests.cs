using Airadcr.Dicom.Cli;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Tests;

namespace Airadcr.Dicom.Tests;

/// <summary>
/// Issue 20, item 1 (the CLI side): opening a deflated file inflated its whole data set into a growing MemoryStream,
/// about twice the inflated size at its peak. It is now inflated into a temporary file that is memory-mapped (and
/// unlinked at once): the managed memory of an open does not grow with the inflated size.
/// </summary>
public sealed class DeflatedFileMemoryTests : IDisposable
{
    private const long MiB = 1 << 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("airadcr-deflated-open-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Opening_a_deflated_file_allocates_far_less_than_its_inflated_size()
    {
        var path = DeflateBomb.Write(Path.Combine(_dir, "bomb.dcm"), 128 * MiB);
        var before = GC.GetAllocatedBytesForCurrentThread();

        using (var file = DicomFile.Open(path))
        {
            Assert.Equal(DicomTransferSyntax.DeflatedExplicitVRLittleEndian, file.TransferSyntax);
            Assert.Equal(128 * MiB, ((DicomElement)file.Dataset[DicomTag.PixelData]!).Length);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 * MiB, $"{allocated / MiB} MiB allocated to open a data set inflating to 128 MiB");
    }

    [Fact]
    public void Dump_reads_a_deflated_file_and_leaves_no_temporary_file()
    {
        var path = DeflateBomb.Write(Path.Combine(_dir, "bomb.dcm"), 40 * MiB);
        var temporary = Directory.GetFiles(Path.GetTempPath(), "airadcr-inflated-*").Length;
        var stdout = new StringWriter();

        Assert.Equal(CliApp.Ok, CliApp.Run(["dump", path], stdout, new StringWriter()));

        Assert.Contains("Deflated Explicit VR Little Endian", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(temporary, Directory.GetFiles(Path.GetTempPath(), "airadcr-inflated-*").Length);
    }
}
