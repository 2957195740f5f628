using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Stow;
using Airadcr.LocalServers;

// STOW-RS upload of one CT study of N 512x512 16-bit slices: the gateway's POST /dicom-web/studies (each instance
// acknowledged once its file and index row are durable) against Orthanc's DICOMweb plugin, same files, same client
// (requests of `batch` instances, `parallel` at a time). Each run starts from an empty store; runs are interleaved and
// the median is reported as instances per second and as the ratio to Orthanc (issue 25: >= 1.0x).
var instances = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
const int Batch = 50;
const int Parallel = 4;
var work = Directory.CreateTempSubdirectory("airadcr-stowbench-");
try
{
    var files = WriteCtStudy(Path.Combine(work.FullName, "files"), instances);
    var orthanc = new OrthancInstance { Directory = Path.Combine(work.FullName, "orthanc"), HttpPort = FreePort.Next(), DicomPort = FreePort.Next() };
    await using var orthancProcess = await orthanc.StartAsync(Path.Combine(orthanc.Directory, "orthanc.out"), CancellationToken.None);
    using var orthancClient = orthanc.CreateClient();

    var gatewayPort = FreePort.Next();
    var samples = new Dictionary<string, List<double>> { ["Orthanc STOW-RS"] = [], ["gateway STOW-RS"] = [] };
    for (var run = 0; run < runs; run++)
    {
        await OrthancContents.EmptyAsync(orthancClient);
        samples["Orthanc STOW-RS"].Add(await UploadAsync(orthancClient, "dicom-web/studies", files));
        await OrthancContents.ExpectInstancesAsync(orthancClient, instances, "Orthanc STOW-RS");

        var storage = Path.Combine(work.FullName, $"gateway-{run}");
        await using var gateway = await StartGatewayAsync(storage, gatewayPort);
        using var gatewayClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}/") };
        samples["gateway STOW-RS"].Add(await UploadAsync(gatewayClient, "dicom-web/studies", files));
        var stored = Directory.GetFiles(storage, "*.dcm", SearchOption.AllDirectories).Length;
        if (stored != instances)
        {
            throw new InvalidOperationException($"the gateway holds {stored} instances, not {instances}");
        }
        await gateway.StopAsync();
    }

    var reference = Median(samples["Orthanc STOW-RS"]);
    var megabytes = files.Sum(f => new FileInfo(f).Length) / 1e6;
    Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {instances} CT instances (512x512x16-bit, {megabytes:F0} MB), " +
        $"requests of {Batch} instances, {Parallel} in parallel, median of {runs} interleaved runs");
    Console.WriteLine();
    Console.WriteLine("| STOW-RS upload | seconds | instances/s | ratio to Orthanc |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var (name, values) in samples)
    {
        var median = Median(values);
        Console.WriteLine($"| {name} | {median:F2} | {instances / median:F0} | {reference / median:F2}x |");
    }
}
finally
{
    work.Delete(recursive: true);
}

static async Task<WebApplication> StartGatewayAsync(string storage, int port)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.GetDirectoryName(storage)! });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration["Gateway:StoragePath"] = storage;
    builder.Configuration["Gateway:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
    builder.Configuration["Gateway:StableSeconds"] = "3600";
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
    builder.AddGatewayServices();
    var app = builder.Build();
    app.MapStowApi();
    await app.StartAsync();
    return app;
}

static async Task<double> UploadAsync(HttpClient client, string path, IReadOnlyList<string> files)
{
    var watch = Stopwatch.StartNew();
    await System.Threading.Tasks.Parallel.ForEachAsync(files.Chunk(Batch), new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (chunk, ct) =>
    {
        using var body = new MultipartContent("related", "stow-bench-" + Guid.NewGuid().ToString("N"));
        body.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var file in chunk)
        {
            var part = new StreamContent(File.OpenRead(file));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            body.Add(part);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Accept.ParseAdd("application/dicom+json");
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{client.BaseAddress}{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    });
    return watch.Elapsed.TotalSeconds;
}

static List<string> WriteCtStudy(string folder, int count)
{
    Directory.CreateDirectory(folder);
    var (study, series) = (DicomUidGenerator.New(), DicomUidGenerator.New());
    var pixels = new byte[512 * 512 * 2];
    var random = new Random(25);
    var paths = new List<string>();
    for (var i = 0; i < count; i++)
    {
        random.NextBytes(pixels);
        using var file = DicomFile.Open("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");
        var dataset = file.Dataset;
        dataset.Add(DicomTag.StudyInstanceUID, study);
        dataset.Add(DicomTag.SeriesInstanceUID, series);
        dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
        dataset.Add(DicomTag.InstanceNumber, DicomVR.IS, i + 1);
        dataset.Add(DicomTag.ImagePositionPatient, DicomVR.DS, -158.1, -179.0, -75.7 + i * 1.25);
        dataset.Add(DicomTag.Rows, DicomVR.US, (ushort)512);
        dataset.Add(DicomTag.Columns, DicomVR.US, (ushort)512);
        dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels.ToArray()));
        var path = Path.Combine(folder, $"{i:D4}.dcm");
        file.Save(path, DicomTransferSyntax.ExplicitVRLittleEndian);
        paths.Add(path);
    }
    return paths;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
