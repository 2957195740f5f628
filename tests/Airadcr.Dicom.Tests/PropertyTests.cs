using System.Text;
using Airadcr.Dicom.Dictionary;
using Airadcr.Dicom.IO;
using CsCheck;

namespace Airadcr.Dicom.Tests;

/// <summary>Random datasets (nested sequences, all VRs, odd lengths, private tags) round-trip through every
/// uncompressed transfer syntax and deflate.</summary>
public sealed class PropertyTests
{
    private static readonly DicomDictionaryEntry[] Standard = DicomDictionary.Entries
        .Where(e => e.Tag.Group > 0x0002 && e.Tag.Group != 0xFFFE && !e.Tag.IsGroupLength && e.AlternateVR == DicomVR.None
                    && e.VR is not (DicomVR.None or DicomVR.SQ or DicomVR.UN) && e.Tag != DicomTag.SpecificCharacterSet
                    && e.Tag != DicomTag.PixelData)
        .ToArray();

    private static readonly DicomDictionaryEntry[] Sequences = DicomDictionary.Entries.Where(e => e.VR == DicomVR.SQ).ToArray();

    private static readonly DicomVR[] AllVRs = Enum.GetValues<DicomVR>().Where(v => v is not (DicomVR.None or DicomVR.SQ)).ToArray();

    private static Gen<byte[]> Value(DicomVR vr)
    {
        var size = vr.ValueSize();
        if (vr.IsString())
        {
            // Printable ASCII without the padding characters at the end, odd and even lengths.
            return Gen.Char['!', '~'].Array[0, 40].Select(c => Encoding.ASCII.GetBytes(new string(c)));
        }

        return size > 1 ? Gen.Int[0, 8].SelectMany(n => Gen.Byte.Array[n * size]) : Gen.Byte.Array[0, 41];
    }

    private static Gen<DicomItem> StandardElement =>
        Gen.Int[0, Standard.Length - 1].SelectMany(i => Value(Standard[i].VR).Select(v => (DicomItem)new DicomElement(Standard[i].Tag, Standard[i].VR, v)));

    /// <summary>Private data elements of any VR in the block of creator "AIRADCR TEST" in group 0029.</summary>
    private static Gen<DicomItem> PrivateElement =>
        Gen.Select(Gen.Int[0, AllVRs.Length - 1], Gen.Byte).SelectMany((vi, e) =>
            Value(AllVRs[vi]).Select(v => (DicomItem)new DicomElement(new DicomTag(0x0029, (ushort)(0x1000 | e)), AllVRs[vi], v)));

    private static Gen<DicomDataset> Dataset(int depth)
    {
        var leaf = Gen.Frequency((4, StandardElement), (1, PrivateElement));
        var item = depth == 0
            ? leaf
            : Gen.Frequency((6, leaf), (1, Gen.Select(Gen.Int[0, Sequences.Length - 1], Dataset(depth - 1).Array[0, 3])
                .Select((i, items) => (DicomItem)new DicomSequence(Sequences[i].Tag, items))));
        return item.Array[0, 12].Select(items =>
        {
            var ds = new DicomDataset(items);
            if (ds.Any(i => i.Tag.Group == 0x0029))
            {
                ds.AddOrUpdate(DicomElementFactory.Create(new DicomTag(0x00290010), DicomVR.LO, "AIRADCR TEST"));
            }

            return ds;
        });
    }

    [Fact]
    public void Random_datasets_round_trip_through_every_transfer_syntax()
    {
        Dataset(3).Sample(ds =>
        {
            foreach (var syntax in DicomTransferSyntax.Uncompressed)
            {
                var bytes = DicomDatasetWriter.ToArray(ds, syntax);
                var back = DicomDatasetReader.Read(bytes, syntax);
                var diff = DicomDatasetComparer.FirstDifference(ds, back);
                if (diff is not null)
                {
                    throw new InvalidOperationException($"{syntax.Name}: {diff}");
                }
            }
        }, iter: 300, seed: null);
    }

    [Fact]
    public void Random_datasets_round_trip_through_part10_files()
    {
        Dataset(2).Sample(ds =>
        {
            var file = new DicomFile(ds);
            using var back = DicomFile.Read(DicomFileWriter.ToArray(file, DicomTransferSyntax.ExplicitVRLittleEndian));
            Assert.Null(DicomDatasetComparer.FirstDifference(ds, back.Dataset));
            Assert.Equal(DicomFileWriter.ImplementationClassUid, back.Meta.GetString(DicomTag.ImplementationClassUID));
        }, iter: 100);
    }
}
