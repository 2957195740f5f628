using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Tests.Robustness;
using Airadcr.DicomGateway.Tests;
using Airadcr.LocalServers;
using Airadcr.Testing;

// Usage: dotnet run -c Release --project bench/Airadcr.DicomGateway.MemoryBench -- [INFLATED_MIB] [GATEWAY_DLL]
// Starts the gateway process (the newest build, or GATEWAY_DLL), warms it up with one C-STORE, then records its idle
// RSS and its peak RSS (VmHWM, reset before each phase) while (1) 200 sockets trickle an A-ASSOCIATE-RQ for 10 s while a
// C-ECHO is tried every second and (2) it receives one Deflated Explicit VR LE instance that inflates to INFLATED_MIB
// (600; last, since a gateway that keeps the inflated buffer would spoil the next phase's peak). Prints one Markdown row
// per phase.
const long MiB = 1 << 20;
var inflatedMiB = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 600;
var dll = args.Length > 1 ? args[1] : null;
var work = Directory.CreateTempSubdirectory("airadcr-gateway-memory-");
try
{
    var port = FreePort.Next();
    await using var gateway = await GatewayProcess.StartAsync(Path.Combine(work.FullName, "storage"), port, Path.Combine(work.FullName, "gateway.log"),
        CancellationToken.None, settings: new Dictionary<string, string> { ["Gateway__AcceptDeflated"] = "true", ["Gateway__StableSeconds"] = "3600" }, dll: dll);
    var pid = gateway.Process.Pid;
    var bomb = DeflateBomb.Write(Path.Combine(work.FullName, "bomb.dcm"), inflatedMiB * MiB);
    var warmUp = DeflateBomb.Write(Path.Combine(work.FullName, "warm-up.dcm"), 32 * MiB);
    Console.WriteLine($"warm-up store: 0x{await StoreDeflatedAsync(port, warmUp):X4}");
    await Task.Delay(2000);
    var idle = ProcessMemory.Of(pid).ResidentBytes;
    Console.WriteLine("| phase | idle RSS | peak RSS | peak / idle | outcome |");
    Console.WriteLine("|---|---|---|---|---|");

    ResetPeak(pid);
    var echoes = 0;
    await using (var trickle = await TricklingPeers.OpenAsync(port, 200, CancellationToken.None))
    {
        for (var i = 0; i < 10; i++)
        {
            echoes += (await DcmtkTools.EchoAsync(GatewayProcess.AeTitle, port, CancellationToken.None)).Succeeded ? 1 : 0;
            await Task.Delay(1000);
        }
    }
    Row("200 slow-trickle sockets for 10 s", idle, ProcessMemory.Of(pid).PeakResidentBytes, $"{echoes}/10 C-ECHO succeeded");

    ResetPeak(pid);
    var status = await StoreDeflatedAsync(port, bomb);
    Row($"one C-STORE, {new FileInfo(bomb).Length / 1024} KB deflated -> at least {inflatedMiB} MiB", idle, ProcessMemory.Of(pid).PeakResidentBytes, $"0x{status:X4}");
}
finally
{
    work.Delete(recursive: true);
}

static void ResetPeak(int pid)
{
    if (!ProcessMemory.ResetPeak(pid))
    {
        throw new InvalidOperationException("cannot reset the gateway's peak RSS (/proc/PID/clear_refs)");
    }
}

static void Row(string phase, long idle, long peak, string outcome) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {phase} | {idle / MiB} MiB | {peak / MiB} MiB | {(double)peak / idle:0.00}x | {outcome} |"));

static async Task<ushort> StoreDeflatedAsync(int port, string file)
{
    var contexts = new PresentationContexts.Builder().Add(DicomUids.CTImageStorage, [DicomUids.DeflatedExplicitVRLittleEndian]).Build();
    await using var association = await DicomClient.ConnectAsync(new DicomClientOptions
    {
        Host = "127.0.0.1", Port = port, CalledAe = GatewayProcess.AeTitle, CallingAe = "MEMORY_BENCH",
    }, contexts, CancellationToken.None);
    var status = (await association.StoreAsync(file, CancellationToken.None)).Status;
    await association.ReleaseAsync(CancellationToken.None);
    return status;
}
