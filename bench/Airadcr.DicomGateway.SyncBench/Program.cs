using System.Diagnostics;
using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Synchronisation;
using Airadcr.LocalServers;

// Sync throughput of one study of N instances from Orthanc A to Orthanc B: the gateway's sync engine (a job planned
// from both archives' C-FIND census, copied by C-MOVE A -> B confirmed by C-FIND, or by relay through the gateway)
// against dcmtk's movescu asking A to move the same study to B. Each run empties B first; runs are interleaved and the
// median is reported as instances per second and as the ratio to movescu (issue 22: >= 0.8x).
var instances = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var work = Directory.CreateTempSubdirectory("airadcr-syncbench-");
try
{
    var (relayPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
    var a = new OrthancInstance { Directory = Path.Combine(work.FullName, "a"), HttpPort = FreePort.Next(), DicomPort = FreePort.Next(), AeTitle = "ARCH_A" };
    var b = new OrthancInstance { Directory = Path.Combine(work.FullName, "b"), HttpPort = FreePort.Next(), DicomPort = FreePort.Next(), AeTitle = "ARCH_B" };
    a.Modalities["b"] = ("ARCH_B", "127.0.0.1", b.DicomPort);
    a.Modalities["gateway"] = ("IA_SERVER", "127.0.0.1", gatewayPort);
    a.Modalities["relay"] = ("IA_SYNC", "127.0.0.1", relayPort);
    a.Modalities["movescu"] = ("MOVESCU", "127.0.0.1", FreePort.Next());
    b.Modalities["gateway"] = ("IA_SERVER", "127.0.0.1", gatewayPort);
    b.Modalities["a"] = ("ARCH_A", "127.0.0.1", a.DicomPort);
    await using var serverA = await a.StartAsync(Path.Combine(a.Directory, "orthanc.out"), CancellationToken.None);
    await using var serverB = await b.StartAsync(Path.Combine(b.Directory, "orthanc.out"), CancellationToken.None);
    using var clientA = a.CreateClient();
    using var clientB = b.CreateClient();

    var studyUid = await SeedAsync(clientA, instances, Path.Combine(work.FullName, "seed"));
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = work.FullName });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    foreach (var (key, value) in new Dictionary<string, string>
    {
        ["Gateway:StoragePath"] = Path.Combine(work.FullName, "gateway"),
        ["Gateway:Port"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["Gateway:Sync:RelayPort"] = relayPort.ToString(CultureInfo.InvariantCulture),
        ["Gateway:Sync:Archives:0:Id"] = "a", ["Gateway:Sync:Archives:0:AeTitle"] = "ARCH_A",
        ["Gateway:Sync:Archives:0:Host"] = "127.0.0.1", ["Gateway:Sync:Archives:0:Port"] = a.DicomPort.ToString(CultureInfo.InvariantCulture),
        ["Gateway:Sync:Archives:1:Id"] = "b", ["Gateway:Sync:Archives:1:AeTitle"] = "ARCH_B",
        ["Gateway:Sync:Archives:1:Host"] = "127.0.0.1", ["Gateway:Sync:Archives:1:Port"] = b.DicomPort.ToString(CultureInfo.InvariantCulture),
    })
    {
        builder.Configuration[key] = value;
    }
    builder.AddGatewayServices();
    await using var gateway = builder.Build();
    await gateway.StartAsync();
    var jobs = gateway.Services.GetRequiredService<SyncJobStore>();
    var runner = gateway.Services.GetRequiredService<SyncRunner>();

    var samples = new Dictionary<string, List<double>> { ["movescu"] = [], ["sync move"] = [], ["sync relay"] = [] };
    for (var run = 0; run < runs; run++)
    {
        await OrthancContents.EmptyAsync(clientB);
        samples["movescu"].Add(Time(() => ToolRun.Output(ToolLocator.Find("movescu", "dcmtk"),
            ["-S", "-aet", "MOVESCU", "-aec", "ARCH_A", "-aem", "ARCH_B", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyUid,
             "127.0.0.1", a.DicomPort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" })));
        await OrthancContents.ExpectInstancesAsync(clientB, instances, "movescu");
        foreach (var method in new[] { TransferMethod.Move, TransferMethod.Relay })
        {
            await OrthancContents.EmptyAsync(clientB);
            var watch = Stopwatch.StartNew();
            var id = await jobs.CreateAsync("a", "b", method, ConflictStrategy.Skip, SyncScope.Study(studyUid), "bench", CancellationToken.None);
            runner.Wake();
            SyncJob? job;
            while ((job = await jobs.GetAsync(id, CancellationToken.None)) is { State: "queued" or "running" })
            {
                await Task.Delay(20);
            }
            var seconds = watch.Elapsed.TotalSeconds;
            if (job is not { State: "done" } || job.Counts.Copied != instances)
            {
                throw new InvalidOperationException($"sync {method}: {job?.State} {job?.Counts} {job?.Error}");
            }
            samples["sync " + method.ToString().ToLowerInvariant()].Add(seconds);
            await OrthancContents.ExpectInstancesAsync(clientB, instances, method.ToString());
        }
    }
    await gateway.StopAsync();

    var reference = Median(samples["movescu"]);
    Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {instances} instances (CT_small, 128x128), median of {runs} interleaved runs");
    Console.WriteLine();
    Console.WriteLine("| copy A -> B | seconds | instances/s | ratio to movescu |");
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

static double Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalSeconds;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static async Task<string> SeedAsync(HttpClient orthanc, int count, string folder)
{
    Directory.CreateDirectory(folder);
    var (study, series) = (DicomUidGenerator.New(), DicomUidGenerator.New());
    for (var i = 0; i < count; i++)
    {
        using var file = DicomFile.Open("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");
        file.Dataset.Add(DicomTag.StudyInstanceUID, study);
        file.Dataset.Add(DicomTag.SeriesInstanceUID, series);
        file.Dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
        file.Dataset.Add(DicomTag.InstanceNumber, DicomVR.IS, i + 1);
        var path = Path.Combine(folder, "i.dcm");
        file.Save(path);
        using var response = await orthanc.PostAsync("instances", new ByteArrayContent(await File.ReadAllBytesAsync(path)));
        response.EnsureSuccessStatusCode();
    }
    return study;
}
