using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.Inference.Tests.Dicom;

/// <summary>
/// The real DicomGateway as a process (its built dll), fed over DICOM with dcmtk's storescu: the inference service
/// resolves study references through its <c>/studies/{study}/instances</c> endpoints.
/// </summary>
public sealed class RealGateway : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("inference-gateway");
    private GatewayProcess? _process;

    public string BaseAddress => Process.HttpClient.BaseAddress!.ToString();

    private GatewayProcess Process => _process ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        _process = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(), _directory.Combine("gateway.log"),
            TestContext.Current.CancellationToken,
            // No analysis by the gateway itself: only its storage and study endpoints are under test here.
            settings: new Dictionary<string, string> { ["Gateway__StableSeconds"] = "3600" });
    }

    /// <summary>Stores instances with storescu; the gateway answers success only once they are durable and indexed.</summary>
    public async Task StoreAsync(string name, IEnumerable<(string Name, byte[] Bytes)> instances, CancellationToken ct)
    {
        var folder = Directory.CreateDirectory(_directory.Combine("sent", name)).FullName;
        var files = instances.Select(i =>
        {
            var path = Path.Combine(folder, i.Name);
            File.WriteAllBytes(path, i.Bytes);
            return path;
        }).ToList();
        (await DcmtkTools.StoreAsync(GatewayProcess.AeTitle, Process.DicomPort, files, ct, options: ["--required"])).EnsureSuccess();
    }

    /// <summary>A one-instance study that holds no image (a Basic Text SR without pixel data).</summary>
    public static (string StudyInstanceUid, (string Name, byte[] Bytes) Instance) ImagelessStudy()
    {
        var study = DicomUidGenerator.New();
        var dataset = new DicomDataset();
        dataset.Add(DicomTag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.88.11");
        dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
        dataset.Add(DicomTag.StudyInstanceUID, study);
        dataset.Add(DicomTag.SeriesInstanceUID, DicomUidGenerator.New());
        dataset.Add(DicomTag.Modality, "SR");
        dataset.Add(DicomTag.PatientID, "IMAGELESS");
        return (study, ("SR0001.dcm", DicomFileWriter.ToArray(new DicomFile(dataset), DicomTransferSyntax.ExplicitVRLittleEndian)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _directory.Dispose();
    }
}
