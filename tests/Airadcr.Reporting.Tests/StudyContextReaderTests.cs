using Airadcr.Dicom.IO;
using Airadcr.Reporting.Model;
using Airadcr.Testing;

namespace Airadcr.Reporting.Tests;

public sealed class StudyContextReaderTests
{
    [Fact]
    public void Reads_the_study_context_of_a_real_ct_instance()
    {
        using var file = DicomFile.Open(PydicomCorpus.File("CT_small.dcm"));

        var study = StudyContextReader.Read(file.Dataset);
        var image = StudyContextReader.ReadSourceImage(file.Dataset);

        Assert.Equal("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322", study.StudyInstanceUid);
        Assert.Equal("CompressedSamples^CT1", study.PatientName);
        Assert.Equal("1CT1", study.PatientId);
        Assert.Equal("CT", study.Modality);
        Assert.Equal(new DateOnly(2004, 1, 19), study.StudyDate);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", image.SopClassUid);
        Assert.Equal("CT", image.Modality);
    }
}
