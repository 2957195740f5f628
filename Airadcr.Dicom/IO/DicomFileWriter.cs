using System.Buffers;

namespace Airadcr.Dicom.IO;

/// <summary>Writes Part 10 files: 128-byte preamble, "DICM", meta group (Explicit VR Little Endian, with a correct
/// group length), then the dataset in the requested transfer syntax.</summary>
public static class DicomFileWriter
{
    /// <summary>Our implementation class UID (2.25 form from a fixed UUID).</summary>
    public const string ImplementationClassUid = "2.25.185078832601483406441032089986603711226";

    public const string ImplementationVersionName = "AIRADCR_DICOM_1";

    public static void Write(Stream stream, DicomFile file, DicomTransferSyntax? syntax = null)
    {
        syntax ??= file.TransferSyntax;
        using var writer = new StreamBufferWriter(stream);
        writer.Write(new byte[128]);
        writer.Write("DICM"u8);
        var meta = BuildMeta(file.Meta, file.Dataset, syntax);
        new DicomEncoder(writer, DicomTransferSyntax.ExplicitVRLittleEndian).WriteDataset(meta);
        DicomDatasetWriter.Write(writer, file.Dataset, syntax);
        writer.Flush();
    }

    public static void Write(string path, DicomFile file, DicomTransferSyntax? syntax = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        Write(stream, file, syntax);
    }

    public static byte[] ToArray(DicomFile file, DicomTransferSyntax? syntax = null)
    {
        using var stream = new MemoryStream();
        Write(stream, file, syntax);
        return stream.ToArray();
    }

    /// <summary>The meta group as written: existing elements kept, versions, SOP class/instance, transfer syntax and
    /// implementation identifiers set, group length first.</summary>
    public static DicomDataset BuildMeta(DicomDataset existing, DicomDataset dataset, DicomTransferSyntax syntax)
    {
        var meta = new DicomDataset(existing.Where(i => i.Tag.Group == 0x0002 && !i.Tag.IsGroupLength));
        meta.AddOrUpdate(new DicomElement(DicomTag.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 }));
        CopyUid(dataset, DicomTag.SOPClassUID, meta, DicomTag.MediaStorageSOPClassUID);
        CopyUid(dataset, DicomTag.SOPInstanceUID, meta, DicomTag.MediaStorageSOPInstanceUID);
        meta.Add(DicomTag.TransferSyntaxUID, syntax.Uid);
        meta.Add(DicomTag.ImplementationClassUID, ImplementationClassUid);
        meta.Add(DicomTag.ImplementationVersionName, ImplementationVersionName);
        meta.AddOrUpdate(new DicomElement(DicomTag.FileMetaInformationGroupLength, DicomVR.UL, new byte[4]));
        return meta;
    }

    private static void CopyUid(DicomDataset from, DicomTag source, DicomDataset to, DicomTag target)
    {
        if (from.TryGetElement(source, out var e))
        {
            to.Add(target, e.GetString());
        }
    }
}
