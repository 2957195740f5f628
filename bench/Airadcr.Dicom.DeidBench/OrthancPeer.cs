using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Airadcr.LocalServers;

namespace Airadcr.Dicom.DeidBench;

/// <summary>
/// Orthanc (Debian's 1.10, started by <see cref="OrthancInstance"/> in the work folder) as a de-identifier: a series
/// is uploaded first (<c>POST /instances</c>, untimed), then each run times <c>POST /studies/{id}/anonymize</c> with
/// an empty body (Orthanc's defaults: its basic profile, private tags removed, new UIDs) as one HTTP call, which
/// includes Orthanc writing the new instances to its storage and index; the anonymized study is deleted after each
/// run, untimed.
/// </summary>
internal sealed class OrthancPeer : IAsyncDisposable
{
    private readonly ServerProcess _server;
    private readonly HttpClient _client;

    private OrthancPeer(ServerProcess server, HttpClient client)
    {
        _server = server;
        _client = client;
        _client.Timeout = TimeSpan.FromMinutes(10);
    }

    public static async Task<OrthancPeer> StartAsync(string directory)
    {
        var instance = new OrthancInstance { Directory = directory, HttpPort = FreePort.Next(), DicomPort = FreePort.Next() };
        var server = await instance.StartAsync(Path.Combine(directory, "orthanc.out"), CancellationToken.None);
        return new OrthancPeer(server, instance.CreateClient());
    }

    public async Task<string> VersionAsync() =>
        (await _client.GetFromJsonAsync<JsonObject>("system"))?["Version"]?.GetValue<string>() ?? "?";

    /// <summary>Uploads <paramref name="files"/> (one study) and returns its Orthanc id.</summary>
    public async Task<string> UploadAsync(IReadOnlyList<string> files)
    {
        string? study = null;
        foreach (var file in files)
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            using var response = await _client.PostAsync("instances", content);
            response.EnsureSuccessStatusCode();
            study = (await response.Content.ReadFromJsonAsync<JsonObject>())!["ParentStudy"]!.GetValue<string>();
        }

        return study ?? throw new InvalidOperationException("no file to upload");
    }

    /// <summary>One <c>POST /studies/{id}/anonymize</c> (CPU: the Orthanc process's, all threads); checks the new
    /// study has every instance, then deletes it (untimed).</summary>
    public async Task<Sample> AnonymizeOnceAsync(string study, int expectedInstances)
    {
        var cpu = Timing.ProcessCpuSeconds(_server.Pid);
        var watch = Stopwatch.StartNew();
        using var response = await _client.PostAsync($"studies/{study}/anonymize", JsonContent.Create(new JsonObject()));
        response.EnsureSuccessStatusCode();
        var sample = new Sample(watch.Elapsed.TotalSeconds, Timing.ProcessCpuSeconds(_server.Pid) - cpu);
        var anonymized = (await response.Content.ReadFromJsonAsync<JsonObject>())!["ID"]!.GetValue<string>();
        var instances = await _client.GetFromJsonAsync<JsonArray>($"studies/{anonymized}/instances");
        if (instances?.Count != expectedInstances)
        {
            throw new InvalidOperationException($"Orthanc's anonymized study has {instances?.Count} instances for {expectedInstances}");
        }

        (await _client.DeleteAsync($"studies/{anonymized}")).EnsureSuccessStatusCode();
        return sample;
    }

    public async Task DeleteAsync(string study) => (await _client.DeleteAsync($"studies/{study}")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }
}
