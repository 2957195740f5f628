using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;

/// <summary>
/// The bench's studies: study <c>n</c> of a universe of <c>1.5 x perArchive</c>, one tiny instance each (8x8 CT), patient
/// <c>{SURNAME}^{n}</c> (20 surnames), study dates spread over 2015-2024. Archive A holds the first <c>perArchive</c>,
/// B the last <c>perArchive</c>, Q the first half and the last third: every archive holds <c>perArchive</c> studies and
/// every study is in exactly two archives.
/// </summary>
internal sealed class BenchStudies(int perArchive, string tag)
{
    private static readonly string[] Surnames =
    [
        "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT",
        "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD",
    ];

    private static readonly DateOnly FirstDay = new(2015, 1, 1);

    public int Universe => perArchive * 3 / 2;

    public IEnumerable<int> InA => Enumerable.Range(0, perArchive);

    public IEnumerable<int> InB => Enumerable.Range(Universe - perArchive, perArchive);

    public IEnumerable<int> InC => Enumerable.Range(0, perArchive / 2).Concat(Enumerable.Range(perArchive, Universe - perArchive));

    /// <summary>Part 10 bytes of study <paramref name="n"/>'s only instance.</summary>
    public byte[] Instance(int n)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"S{tag}{n:D6}");
        var dataset = new DicomDataset()
            .Add(DicomTag.SOPClassUID, DicomUids.CTImageStorage).Add(DicomTag.SOPInstanceUID, Uid(n, 3))
            .Add(DicomTag.StudyInstanceUID, Uid(n, 1)).Add(DicomTag.SeriesInstanceUID, Uid(n, 2))
            .Add(DicomTag.PatientName, string.Create(CultureInfo.InvariantCulture, $"{Surnames[n % Surnames.Length]}^{n}"))
            .Add(DicomTag.PatientID, id).Add(DicomTag.AccessionNumber, id)
            .Add(DicomTag.StudyDate, FirstDay.AddDays(n * 7919 % 3650).ToString("yyyyMMdd", CultureInfo.InvariantCulture))
            .Add(DicomTag.StudyTime, "101500").Add(DicomTag.Modality, n % 3 == 0 ? "MR" : "CT")
            .Add(DicomTag.StudyDescription, "search bench").Add(DicomTag.SeriesNumber, DicomVR.IS, "1").Add(DicomTag.InstanceNumber, DicomVR.IS, "1")
            .Add(DicomTag.Rows, DicomVR.US, (ushort)8).Add(DicomTag.Columns, DicomVR.US, (ushort)8)
            .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)1).Add(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16).Add(DicomTag.BitsStored, DicomVR.US, (ushort)12)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)11).Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)0)
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, new byte[128]));
        using var stream = new MemoryStream();
        new DicomFile(dataset).Save(stream);
        return stream.ToArray();
    }

    private string Uid(int n, int level) => string.Create(CultureInfo.InvariantCulture, $"1.2.826.0.1.3680043.9.7779.{tag}.{n}.{level}");
}
