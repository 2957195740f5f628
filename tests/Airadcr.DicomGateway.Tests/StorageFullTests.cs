using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Airadcr.DicomGateway.Index;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// Storage full, on the gateway process: a C-STORE is refused with 0xA700 (out of resources), never a dropped
/// connection, no partial file is left, and the gateway serves again once there is room.
/// </summary>
public sealed partial class StorageFullTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("gateway-full");

    [Fact]
    public async Task Below_the_free_space_threshold_a_store_gets_a700_and_leaves_no_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var storage = _directory.Combine("storage");
        var dicomPort = FreePort.Next();
        await using var gateway = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway.log"), ct,
            settings: new Dictionary<string, string> { ["Gateway__MinimumFreeDiskMegabytes"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var files = SyntheticInstances.WriteStudy(_directory.Combine("study"), 3);

        var result = await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, files, ct, options: ["-v", "--no-halt"]);

        Assert.Equal([OutOfResources, OutOfResources, OutOfResources], StoreResponses(result));
        Assert.DoesNotContain(Directory.GetFiles(storage, "*", SearchOption.AllDirectories), path => path.EndsWith(".dcm", StringComparison.Ordinal)
            || path.EndsWith(".part", StringComparison.Ordinal));
        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, dicomPort, ct)).EnsureSuccess();
    }

    [Fact]
    public async Task A_full_file_system_answers_a700_leaves_no_partial_file_and_stores_again_once_space_is_freed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mount = await TmpfsMount.CreateAsync(_directory.Combine("storage"), megabytes: 3, ct);
        var dicomPort = FreePort.Next();
        await using var gateway = await GatewayProcess.StartAsync(mount.Path, dicomPort, _directory.Combine("gateway.log"), ct,
            settings: new Dictionary<string, string>
            {
                ["Gateway__MinimumFreeDiskMegabytes"] = "0", // the kernel's ENOSPC decides
                ["Gateway__StableSeconds"] = "3600",
            });
        var files = SyntheticInstances.WriteStudy(_directory.Combine("study"), 120); // ~4.7 MB: more than the file system holds

        var first = await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, files, ct, options: ["-v", "--no-halt"]);

        var responses = StoreResponses(first);
        Assert.Equal(files.Count, responses.Count);
        var stored = files.Where((_, i) => responses[i] == "Success").ToList();
        var refused = files.Where((_, i) => responses[i] != "Success").ToList();
        Assert.NotEmpty(stored);
        Assert.NotEmpty(refused);
        Assert.All(responses.Where(status => status != "Success"), status => Assert.Equal(OutOfResources, status));
        await AssertStoredExactlyAsync(gateway, mount.Path, stored, ct);

        await mount.ResizeAsync(64, ct);
        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, dicomPort, ct)).EnsureSuccess();
        var second = await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, refused, ct, options: ["-v", "--no-halt"]);

        Assert.All(StoreResponses(second), status => Assert.Equal("Success", status));
        await AssertStoredExactlyAsync(gateway, mount.Path, files, ct);
    }

    /// <summary>Exactly these files are on disk and indexed, and no temporary file is left.</summary>
    private static async Task AssertStoredExactlyAsync(GatewayProcess gateway, string storage, IReadOnlyList<string> files, CancellationToken ct)
    {
        var expected = files.Select(SyntheticInstances.SopOf).Order(StringComparer.Ordinal).ToList();
        var onDisk = Directory.GetFiles(storage, "*.dcm", SearchOption.AllDirectories).Select(path => Path.GetFileNameWithoutExtension(path)!)
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, onDisk);
        var indexed = new List<string>();
        foreach (var study in await gateway.HttpClient.GetFromJsonAsync<List<StudySummary>>("/studies", ct) ?? [])
        {
            var instances = await gateway.HttpClient.GetFromJsonAsync<List<InstanceSummary>>($"/studies/{study.StudyInstanceUid}/instances", ct);
            indexed.AddRange(instances!.Select(i => i.SopInstanceUid));
        }
        Assert.Equal(expected, indexed.Order(StringComparer.Ordinal).ToList());
        Assert.Empty(Directory.GetFiles(Path.Combine(storage, ".incoming")));
    }

    private static string Output(ToolResult result) => result.StandardOutput + result.StandardError;

    /// <summary>storescu -v logs "Received Store Response (STATUS)" per file, in file order.</summary>
    private static List<string> StoreResponses(ToolResult result) =>
        [.. StoreResponse().Matches(Output(result)).Select(match => match.Groups[1].Value)];

    [GeneratedRegex(@"Received Store Response \(([^)]*)\)")]
    private static partial Regex StoreResponse();

    /// <summary>How storescu names status 0xA700.</summary>
    private const string OutOfResources = "Refused: OutOfResources";

    public void Dispose() => _directory.Dispose();
}
