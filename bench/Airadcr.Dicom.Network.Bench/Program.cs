using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Server;
using Airadcr.Dicom.Network.Storage;

// Usage: dotnet run -c Release --project bench/Airadcr.Dicom.Network.Bench -- [FILES_DIR] [ROUNDS]
// FILES_DIR is filled with 200 synthetic 512x512 CT files (make_ct_series.py) when empty.
var filesDir = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "airadcr-bench-ct200");
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
if (!Directory.Exists(filesDir) || Directory.GetFiles(filesDir, "*.dcm").Length == 0)
{
    var script = Path.Combine(AppContext.BaseDirectory, "make_ct_series.py");
    await Tool.RunAsync("/usr/bin/python3", [script, filesDir, "200"]);
}

var warmUpDir = filesDir.TrimEnd('/') + "-warmup";
if (!Directory.Exists(warmUpDir) || Directory.GetFiles(warmUpDir, "*.dcm").Length == 0)
{
    await Tool.RunAsync("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "make_ct_series.py"), warmUpDir, "8"]);
}

var files = Directory.GetFiles(filesDir, "*.dcm").Order(StringComparer.Ordinal).ToArray();
var warmUpFiles = Directory.GetFiles(warmUpDir, "*.dcm");
var megabytes = files.Sum(f => new FileInfo(f).Length) / 1e6;
var work = Directory.CreateTempSubdirectory("airadcr-bench-");
var storescpPort = Tool.FreePort();
var storescpOut = Directory.CreateDirectory(Path.Combine(work.FullName, "storescp")).FullName;
using var storescp = Tool.Start("storescp", ["--aetitle", "STORESCP", "--output-directory", storescpOut, "--accept-all",
    storescpPort.ToString(CultureInfo.InvariantCulture)]);
var ourFolder = Path.Combine(work.FullName, "airadcr");
await using var server = DicomServer.Start(new DicomServerOptions { AeTitle = "AIRADCR", Port = 0 }, new FolderStorageHandler(ourFolder));
await using var discarding = DicomServer.Start(new DicomServerOptions { AeTitle = "AIRADCR", Port = 0 }, new DiscardingHandler());
await Tool.RunAsync("echoscu", ["-aec", "STORESCP", "127.0.0.1", storescpPort.ToString(CultureInfo.InvariantCulture)], retries: 50);
await using var orthanc = new Airadcr.Testing.OrthancServer();
await orthanc.InitializeAsync();
var gatewayDll = Path.Combine(Airadcr.LocalServers.BuiltProject.RepositoryRoot() ?? ".", "Airadcr.DicomGateway", "bin", "Release", "net10.0",
    "linux-x64", "Airadcr.DicomGateway.dll");
if (!File.Exists(gatewayDll))
{
    throw new InvalidOperationException("the gateway is not built: run `dotnet build -c Release Airadcr.DicomGateway`");
}

async Task ClearOrthancAsync()
{
    foreach (var study in await orthanc.Client.GetFromJsonAsync<string[]>("studies") ?? [])
    {
        (await orthanc.Client.DeleteAsync($"studies/{study}")).EnsureSuccessStatusCode();
    }
}

async Task<TimeSpan> GatewayAsync(Func<string, int, Task<TimeSpan>> load)
{
    // A fresh process (fresh storage: no duplicates), warmed up (JIT) with other instances on 1 and 4 associations.
    // Embedded mode (SQLite index, group commit, fsync) on a fresh storage folder: every run stores new instances.
    using var folder = new Airadcr.Testing.FixtureDirectory("bench-gateway");
    await using var gateway = await Airadcr.Testing.GatewayProcess.StartAsync(folder.Combine("storage"), Airadcr.LocalServers.FreePort.Next(),
        folder.Combine("gateway.log"), CancellationToken.None, dll: gatewayDll, settings: new Dictionary<string, string>
        {
            ["Gateway__StableSeconds"] = "3600", // no analysis during the benchmark
            ["Logging__LogLevel__Default"] = "Warning",
        });
    var port = gateway.DicomPort.ToString(CultureInfo.InvariantCulture);
    await Tool.RunAsync("storescu", ["-aec", "IA_SERVER", "127.0.0.1", port, .. warmUpFiles[..4]]);
    await Task.WhenAll(warmUpFiles[4..].Select(file => Tool.RunAsync("storescu", ["-aec", "IA_SERVER", "127.0.0.1", port, file])));
    return await load("IA_SERVER", gateway.DicomPort);
}

var results = new Dictionary<string, List<double>>();
void Record(string name, TimeSpan elapsed) =>
    (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(files.Length / elapsed.TotalSeconds);

Task<TimeSpan> Storescu(string ae, int port) => Tool.TimeAsync(() => Tool.RunAsync("storescu",
    ["-aec", ae, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. files]));

Task<TimeSpan> Storescu4(string ae, int port) => Tool.TimeAsync(() => Task.WhenAll(files.Chunk(files.Length / 4).Select(part =>
    Tool.RunAsync("storescu", ["-aec", ae, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. part]))));

async Task<TimeSpan> OurScu()
{
    var options = new DicomClientOptions { Host = "127.0.0.1", Port = storescpPort, CalledAe = "STORESCP" };
    var contexts = await DicomClient.StorageContextsForAsync(files.Take(1), CancellationToken.None);
    return await Tool.TimeAsync(async () =>
    {
        await using var association = await DicomClient.ConnectAsync(options, contexts, CancellationToken.None);
        foreach (var file in files)
        {
            var response = await association.StoreAsync(file, CancellationToken.None);
            if (response.Status != 0)
            {
                throw new InvalidOperationException($"status {response.Status:X4}");
            }
        }

        await association.ReleaseAsync(CancellationToken.None);
    });
}

void Clear()
{
    foreach (var dir in new[] { storescpOut, ourFolder }.Where(Directory.Exists))
    {
        foreach (var file in Directory.GetFiles(dir))
        {
            File.Delete(file);
        }
    }
}

for (var round = 0; round <= rounds; round++)
{
    Clear();
    var ourScp = await Storescu("AIRADCR", server.Port);
    var theirScp = await Storescu("STORESCP", storescpPort);
    var ourScpNoDisk = await Storescu("AIRADCR", discarding.Port);
    Clear();
    var ourScp4 = await Storescu4("AIRADCR", server.Port);
    var theirScp4 = await Storescu4("STORESCP", storescpPort);
    var gateway1 = await GatewayAsync(Storescu);
    var gateway4 = await GatewayAsync(Storescu4);
    var theirScpAgain = await Storescu("STORESCP", storescpPort);
    var theirScp4Again = await Storescu4("STORESCP", storescpPort);
    await ClearOrthancAsync();
    var orthanc1 = await Storescu(orthanc.AeTitle, orthanc.DicomPort);
    await ClearOrthancAsync();
    var orthanc4 = await Storescu4(orthanc.AeTitle, orthanc.DicomPort);
    await ClearOrthancAsync();
    Clear();
    var ourScu = await OurScu();
    Clear();
    var theirScu = await Storescu("STORESCP", storescpPort);
    if (round == 0)
    {
        continue; // warm-up
    }

    Record("storescu -> AIRADCR SCP (temp+fsync+rename)", ourScp);
    Record("storescu -> dcmtk storescp", theirScp);
    Record("storescu -> AIRADCR SCP, data discarded (network only)", ourScpNoDisk);
    Record("4 x storescu -> AIRADCR SCP (temp+fsync+rename)", ourScp4);
    Record("4 x storescu -> dcmtk storescp", theirScp4);
    Record("storescu -> gateway process (group commit: fsync + SQLite index)", gateway1);
    Record("4 x storescu -> gateway process (group commit: fsync + SQLite index)", gateway4);
    Record("storescu -> dcmtk storescp (again, next to the gateway)", theirScpAgain);
    Record("4 x storescu -> dcmtk storescp (again, next to the gateway)", theirScp4Again);
    Record("storescu -> Orthanc 1.10", orthanc1);
    Record("4 x storescu -> Orthanc 1.10", orthanc4);
    Record("AIRADCR SCU -> dcmtk storescp", ourScu);
    Record("storescu -> dcmtk storescp (SCU reference)", theirScu);
}

double Median(string name) => results[name].Order().ElementAt(results[name].Count / 2);
Console.WriteLine($"{files.Length} files, {megabytes:0.0} MB, {rounds} rounds (median), loopback, TCP_NODELAY on");
Console.WriteLine("| path | files/s | MB/s |");
Console.WriteLine("|---|---|---|");
foreach (var name in results.Keys)
{
    Console.WriteLine($"| {name} | {Median(name):0} | {Median(name) * megabytes / files.Length:0} |");
}

Console.WriteLine($"| **our SCP / storescp** | **{Median("storescu -> AIRADCR SCP (temp+fsync+rename)") / Median("storescu -> dcmtk storescp"):0.00}x** | |");
Console.WriteLine($"| **our SCP / storescp, 4 associations** | **{Median("4 x storescu -> AIRADCR SCP (temp+fsync+rename)") / Median("4 x storescu -> dcmtk storescp"):0.00}x** | |");
string Ratio(string ours, string theirs) => $"{Median(ours) / Median(theirs):0.00}x";
const string Gateway1 = "storescu -> gateway process (group commit: fsync + SQLite index)";
const string Gateway4 = "4 x storescu -> gateway process (group commit: fsync + SQLite index)";
Console.WriteLine($"| **gateway / storescp** | **{Ratio(Gateway1, "storescu -> dcmtk storescp (again, next to the gateway)")}** | |");
Console.WriteLine($"| **gateway / storescp, 4 associations** | **{Ratio(Gateway4, "4 x storescu -> dcmtk storescp (again, next to the gateway)")}** | |");
Console.WriteLine($"| **gateway / Orthanc** | **{Ratio(Gateway1, "storescu -> Orthanc 1.10")}** | |");
Console.WriteLine($"| **gateway / Orthanc, 4 associations** | **{Ratio(Gateway4, "4 x storescu -> Orthanc 1.10")}** | |");
Console.WriteLine($"| **our SCU / storescu** | **{Median("AIRADCR SCU -> dcmtk storescp") / Median("storescu -> dcmtk storescp (SCU reference)"):0.00}x** | |");
storescp.Kill();
work.Delete(recursive: true);

/// <summary>dcmtk processes with TCP_NODELAY=1, timing, free ports.</summary>
internal static class Tool
{
    public static Process Start(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task RunAsync(string tool, IEnumerable<string> arguments, int retries = 0)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var process = Start(tool, arguments);
            await process.WaitForExitAsync();
            if (process.ExitCode == 0)
            {
                return;
            }

            if (attempt >= retries)
            {
                throw new InvalidOperationException($"{tool} exited with {process.ExitCode}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
