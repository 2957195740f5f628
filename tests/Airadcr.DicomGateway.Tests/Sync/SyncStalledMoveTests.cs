using System.Globalization;
using System.Net.Http.Json;
using Airadcr.DicomGateway.Synchronisation;
using Airadcr.DicomGateway.Tests.Archives;
using static Airadcr.DicomGateway.Tests.Sync.SyncArchivesFixture;

namespace Airadcr.DicomGateway.Tests.Sync;

/// <summary>A source archive that accepts a C-MOVE, sends two pending responses and goes silent: the job fails those
/// instances with the reason once <c>MoveTimeoutSeconds</c> has passed, never marks them copied, and the gateway goes on.</summary>
[Collection(nameof(SyncArchivesCollection))]
public sealed class SyncStalledMoveTests(SyncArchivesFixture archives)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_move_that_goes_silent_fails_its_instances_with_the_reason_and_the_gateway_does_not_hang()
    {
        await using var stalling = new MisbehavingArchive(Misbehaviour.StallsMidMove, "STALLING");
        await using var gateway = await archives.StartGatewayAsync(new Dictionary<string, string>
        {
            ["Gateway:Sync:MoveTimeoutSeconds"] = "2",
            ["Gateway:Sync:Archives:2:Id"] = "stalling",
            ["Gateway:Sync:Archives:2:AeTitle"] = stalling.AeTitle,
            ["Gateway:Sync:Archives:2:Host"] = "127.0.0.1",
            ["Gateway:Sync:Archives:2:Port"] = stalling.Port.ToString(CultureInfo.InvariantCulture),
        });
        using var http = gateway.CreateClient();
        var patient = UniquePatient("STL");

        var job = Assert.Single(await SyncAsync(http, new { source = "stalling", destination = "a", patientId = patient, method = "move" }, Ct));
        var after = Assert.Single(await SyncAsync(http, new { source = "a", destination = "b", patientId = UniquePatient("STX") }, Ct));

        Assert.Equal(1, stalling.MovesReceived);
        Assert.Equal(2, stalling.PendingSent);
        Assert.Equal(("partial", new SyncCounts(0, 0, 2, 0)), (job.Job.State, job.Job.Counts));
        Assert.All(job.Items, item => Assert.Equal(("failed", "not on the destination after C-MOVE: C-MOVE not finished within 2 s"), (item.State, item.Error)));
        Assert.Empty(await FindscuInstancesAsync(archives.A, MisbehavingArchive.StalledStudyUid, Ct));
        Assert.Equal("done", after.Job.State); // the runner went on to the next job
    }
}
