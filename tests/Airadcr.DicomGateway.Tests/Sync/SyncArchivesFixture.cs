using System.Globalization;
using System.Net.Http.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Synchronisation;
using Airadcr.DicomGateway.Tests.Archives;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary>A study planted in archives: its UIDs and the patient it was stored under.</summary>
public sealed record SeededStudy(string StudyUid, string SeriesUid, IReadOnlyList<string> SopUids, string PatientId);

/// <summary>
/// Three Orthancs and a gateway that knows them: <c>a</c> (knows <c>b</c>'s AE: the pair a -> b copies by C-MOVE),
/// <c>b</c> (b -> a goes by relay through the gateway) and <c>refusing</c> (its Lua filter fails every C-STORE).
/// Each test seeds its own patients and studies (unique ids), so the tests share the servers.
/// </summary>
public sealed class SyncArchivesFixture : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("sync");

    public int RelayPort { get; } = FreePort.Next();

    public int GatewayPort { get; } = FreePort.Next();

    public OrthancServer A { get; } = new() { AeTitle = "ARCH_A" };

    public OrthancServer B { get; } = new() { AeTitle = "ARCH_B" };

    public OrthancServer Refusing { get; } = new() { AeTitle = "ARCH_REFUSE" };

    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>The gateway's sync settings for these archives (a host restarted on the same storage reuses them).</summary>
    public Dictionary<string, string> Settings(string? storagePath = null)
    {
        var settings = new Dictionary<string, string>
        {
            // The Orthancs list the gateway's port before it starts.
            ["Gateway:Port"] = Invariant(GatewayPort),
            ["Gateway:Sync:RelayPort"] = Invariant(RelayPort),
            ["Gateway:Sync:QueryTimeoutSeconds"] = "20",
            ["Gateway:Sync:MoveTimeoutSeconds"] = "60",
            // Far above any census of these tests; the endless archive reaches it in a moment.
            ["Gateway:Sync:MaxQueryResults"] = "2000",
            ["Gateway:Sync:Pairs:0:Source"] = "a",
            ["Gateway:Sync:Pairs:0:Destination"] = "b",
            ["Gateway:Sync:Pairs:0:Method"] = "Move",
            ["Gateway:Sync:Pairs:1:Source"] = "b",
            ["Gateway:Sync:Pairs:1:Destination"] = "a",
            ["Gateway:Sync:Pairs:1:Method"] = "Relay",
            ["Gateway:Sync:SourceOfTruth"] = "b",
        };
        var archives = new (string Id, OrthancServer Orthanc)[] { ("a", A), ("b", B), ("refusing", Refusing) };
        // The Orthancs through the archives registry (named by their registry name), the misbehaving peers through Gateway:Sync.
        for (var i = 0; i < archives.Length; i++)
        {
            settings[$"Gateway:Archives:Seed:{i}:Name"] = archives[i].Id;
            settings[$"Gateway:Archives:Seed:{i}:AeTitle"] = archives[i].Orthanc.AeTitle;
            settings[$"Gateway:Archives:Seed:{i}:Host"] = "127.0.0.1";
            settings[$"Gateway:Archives:Seed:{i}:Port"] = Invariant(archives[i].Orthanc.DicomPort);
        }
        settings["Gateway:Sync:Archives:0:Id"] = "aborting";
        settings["Gateway:Sync:Archives:0:AeTitle"] = "ABORTING";
        settings["Gateway:Sync:Archives:0:Host"] = "127.0.0.1";
        settings["Gateway:Sync:Archives:0:Port"] = Invariant(Aborting.Port);
        settings["Gateway:Sync:Archives:1:Id"] = "endless";
        settings["Gateway:Sync:Archives:1:AeTitle"] = "ENDLESS";
        settings["Gateway:Sync:Archives:1:Host"] = "127.0.0.1";
        settings["Gateway:Sync:Archives:1:Port"] = Invariant(Endless.Port);
        if (storagePath is not null)
        {
            settings["Gateway:StoragePath"] = storagePath;
        }
        return settings;
    }

    /// <summary>A peer that answers every A-ASSOCIATE-RQ with an A-ABORT.</summary>
    public MisbehavingArchive Aborting { get; } = new(Misbehaviour.AbortsAssociation, "ABORTING");

    /// <summary>A peer that answers a C-FIND with pending responses forever, as fast as it can.</summary>
    public MisbehavingArchive Endless { get; } = new(Misbehaviour.PendingForever, "ENDLESS", TimeSpan.Zero);

    public async ValueTask InitializeAsync()
    {
        var gateway = (GatewayHost.AeTitle, "127.0.0.1", GatewayPort);
        A.Modalities["gateway"] = gateway;
        A.Modalities["b"] = (B.AeTitle, "127.0.0.1", B.DicomPort);
        A.Modalities["relay"] = ("IA_SYNC", "127.0.0.1", RelayPort);
        B.Modalities["gateway"] = gateway;
        B.Modalities["a"] = (A.AeTitle, "127.0.0.1", A.DicomPort);
        B.Modalities["relay"] = ("IA_SYNC", "127.0.0.1", RelayPort);
        Refusing.Modalities["gateway"] = gateway;
        var refuse = _directory.Combine("refuse.lua");
        await File.WriteAllTextAsync(refuse, "function ReceivedInstanceFilter(dicom, origin, info)\n  error('this archive refuses every instance')\nend\n");
        Refusing.LuaScripts.Add(refuse);
        await Task.WhenAll(A.InitializeAsync().AsTask(), B.InitializeAsync().AsTask(), Refusing.InitializeAsync().AsTask());
        Gateway = new GatewayHost(GatewayMode.Embedded, Settings());
        await Gateway.InitializeAsync();
    }

    /// <summary>Writes a study (<paramref name="count"/> CT instances, one series) with the given patient and study attributes.</summary>
    public IReadOnlyList<string> WriteStudy(string name, int count, string patientId, string patientName, string birthDate, string studyDate,
        string? studyUid = null, string accession = "ACC1")
    {
        var folder = _directory.Combine(name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var (study, series) = (studyUid ?? DicomUidGenerator.New(), DicomUidGenerator.New());
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var file = DicomFile.Open(PydicomCorpus.File("CT_small.dcm"));
            var dataset = file.Dataset;
            dataset.Add(DicomTag.StudyInstanceUID, study);
            dataset.Add(DicomTag.SeriesInstanceUID, series);
            dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
            dataset.Add(DicomTag.InstanceNumber, DicomVR.IS, i + 1);
            dataset.Add(DicomTag.PatientID, patientId);
            dataset.Add(DicomTag.PatientName, patientName);
            dataset.Add(DicomTag.PatientBirthDate, birthDate);
            dataset.Add(DicomTag.StudyDate, studyDate);
            dataset.Add(DicomTag.AccessionNumber, accession);
            var path = Path.Combine(folder, $"{i:D4}.dcm");
            file.Save(path);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Uploads files into an Orthanc (its REST API).</summary>
    public static async Task UploadAsync(OrthancServer orthanc, IEnumerable<string> paths, CancellationToken ct)
    {
        foreach (var path in paths)
        {
            using var response = await orthanc.Client.PostAsync("instances", new ByteArrayContent(await File.ReadAllBytesAsync(path, ct)), ct);
            response.EnsureSuccessStatusCode();
        }
    }

    public static SeededStudy Describe(IReadOnlyList<string> paths)
    {
        using var first = DicomFile.Open(paths[0], new DicomReadOptions { StopBeforePixelData = true });
        var sops = paths.Select(p =>
        {
            using var file = DicomFile.Open(p, new DicomReadOptions { StopBeforePixelData = true });
            return file.Dataset.GetString(DicomTag.SOPInstanceUID).Trim('\0', ' ');
        }).ToList();
        return new SeededStudy(first.Dataset.GetString(DicomTag.StudyInstanceUID).Trim('\0', ' '), first.Dataset.GetString(DicomTag.SeriesInstanceUID).Trim('\0', ' '),
            sops, first.Dataset.GetString(DicomTag.PatientID).Trim('\0', ' '));
    }

    public static string UniquePatient(string prefix) => prefix + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Queues a sync and waits until its jobs are over; returns them.</summary>
    public static async Task<IReadOnlyList<SyncJobDetail>> SyncAsync(HttpClient http, object request, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/admin/archives/sync", request, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        var queued = (await response.Content.ReadFromJsonAsync<SyncQueued>(ct))!;
        var jobs = new List<SyncJobDetail>();
        foreach (var id in queued.JobIds)
        {
            jobs.Add(await WaitAsync(http, id, ct));
        }
        return jobs;
    }

    /// <summary>A second gateway on these archives (its own DICOM port): <see cref="Settings"/> with <paramref name="overrides"/>.</summary>
    public async Task<GatewayHost> StartGatewayAsync(IReadOnlyDictionary<string, string> overrides, string? storagePath = null)
    {
        var settings = Settings(storagePath);
        settings["Gateway:Port"] = Invariant(FreePort.Next());
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        var host = new GatewayHost(GatewayMode.Embedded, settings);
        try
        {
            await host.InitializeAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls a job until it has copied something or is over; returns it as last seen.</summary>
    public static async Task<SyncJob> WaitForFirstCopyAsync(HttpClient http, long id, CancellationToken ct)
    {
        SyncJob job;
        do
        {
            job = (await http.GetFromJsonAsync<SyncJobDetail>($"/admin/archives/sync/jobs/{id}", ct))!.Job;
        }
        while (job.Counts.Copied == 0 && SyncJob.ActiveStates.Contains(job.State) && !ct.IsCancellationRequested);
        return job;
    }

    public static async Task<SyncJobDetail> WaitAsync(HttpClient http, long id, CancellationToken ct, int seconds = 120)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var detail = (await http.GetFromJsonAsync<SyncJobDetail>($"/admin/archives/sync/jobs/{id}", ct))!;
            if (!SyncJob.ActiveStates.Contains(detail.Job.State))
            {
                return detail;
            }
            Assert.False(deadline.IsCancellationRequested, $"sync job {id} still {detail.Job.State}");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>The SOP Instance UIDs dcmtk's findscu finds in an archive for a study (the independent check).</summary>
    public static async Task<IReadOnlySet<string>> FindscuInstancesAsync(OrthancServer orthanc, string studyUid, CancellationToken ct)
    {
        var find = (await DcmtkTools.FindAsync(orthanc.AeTitle, orthanc.DicomPort,
            ["QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + studyUid, "SeriesInstanceUID", "SOPInstanceUID"], ct, callingAe: GatewayHost.AeTitle,
            options: ["-v"])).EnsureSuccess();
        return (find.StandardError + find.StandardOutput).Split('\n')
            .Where(line => line.Contains("(0008,0018)", StringComparison.Ordinal) && line.Contains('[', StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf('[', StringComparison.Ordinal) + 1)..line.IndexOf(']', StringComparison.Ordinal)].Trim('\0', ' '))
            .ToHashSet(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Task.WhenAll(A.DisposeAsync().AsTask(), B.DisposeAsync().AsTask(), Refusing.DisposeAsync().AsTask());
        await Aborting.DisposeAsync();
        await Endless.DisposeAsync();
        _directory.Dispose();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

[CollectionDefinition(nameof(SyncArchivesCollection))]
public sealed class SyncArchivesCollection : ICollectionFixture<SyncArchivesFixture>;
