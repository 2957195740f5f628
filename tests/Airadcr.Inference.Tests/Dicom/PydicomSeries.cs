using System.Diagnostics;

namespace Airadcr.Inference.Tests.Dicom;

/// <summary>Instances written by pydicom (an independent DICOM writer), via Debian's /usr/bin/python3.</summary>
public static class PydicomSeries
{
    public const string Install = "run `sudo eng/install-deps.sh` (apt-get install -y --no-install-recommends python3-pydicom python3-numpy)";

    /// <summary>A CT series (RLE Lossless, signed 16-bit, 12 bits stored) with one 10 mm sphere at (0, -4, 12) mm.</summary>
    public const string RleCtWithSphere = """
        import sys, numpy as np
        from pydicom.dataset import Dataset, FileMetaDataset
        from pydicom.uid import ExplicitVRLittleEndian, RLELossless
        n = 96
        yy, xx = np.mgrid[0:n, 0:n]
        for z in range(24):
            img = np.full((n, n), -850.0)
            img[(xx - 48) ** 2 + (yy - 44) ** 2 + (z - 12) ** 2 <= 25] = 30
            img += np.random.default_rng(z).normal(0, 10, (n, n))
            ds = Dataset()
            ds.file_meta = FileMetaDataset()
            ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
            ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
            ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID = f'1.2.826.0.1.3680043.10.1136.7.1.{z + 1}'
            ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.Modality = '1.2.826.0.1.3680043.10.1136.7', '1.2.826.0.1.3680043.10.1136.7.1', 'CT'
            ds.ImagePositionPatient = [-48, -48, z]
            ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
            ds.PixelSpacing = [1, 1]
            ds.SliceThickness = 1
            ds.Rows = ds.Columns = n
            ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, 'MONOCHROME2'
            ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 1
            ds.RescaleIntercept, ds.RescaleSlope = -24, 1
            ds.is_little_endian, ds.is_implicit_VR = True, False
            ds.PixelData = np.round(img + 24).astype('<i2').tobytes()
            ds.compress(RLELossless, np.round(img + 24).astype('<i2'))
            ds.save_as(f'{sys.argv[1]}/ct{z:03d}.dcm', write_like_original=False)
        """;

    /// <summary>One MONOCHROME1 DX image whose stored values are mostly high, i.e. displayed mostly dark.</summary>
    public const string Monochrome1Dx = """
        import sys, numpy as np
        from pydicom.dataset import Dataset, FileMetaDataset
        from pydicom.uid import ExplicitVRLittleEndian
        img = np.full((300, 400), 3800, dtype='<u2')
        img[:6, :] = 100
        ds = Dataset()
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.1.1'
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID = '1.2.826.0.1.3680043.10.1136.8.1.1'
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.Modality = '1.2.826.0.1.3680043.10.1136.8', '1.2.826.0.1.3680043.10.1136.8.1', 'DX'
        ds.ImagerPixelSpacing = [0.2, 0.2]
        ds.Rows, ds.Columns = img.shape
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, 'MONOCHROME1'
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.PixelData = img.tobytes()
        ds.save_as(f'{sys.argv[1]}/dx.dcm', write_like_original=False)
        """;

    /// <summary>Runs a script with the output folder as its argument; returns the files it wrote, by name.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Write(string script)
    {
        Assert.True(File.Exists("/usr/bin/python3"), "/usr/bin/python3 not found: " + Install);
        var folder = Directory.CreateTempSubdirectory("airadcr-pydicom-");
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-");
            start.ArgumentList.Add(folder.FullName);
            using var python = Process.Start(start)!;
            python.StandardInput.Write(script);
            python.StandardInput.Close();
            var error = python.StandardError.ReadToEnd();
            python.WaitForExit();
            Assert.True(python.ExitCode == 0, $"pydicom script failed ({Install}): {error}");
            return folder.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => (f.Name, File.ReadAllBytes(f.FullName))).ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
