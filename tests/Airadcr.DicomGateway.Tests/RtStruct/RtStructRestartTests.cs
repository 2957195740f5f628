using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.RtStruct;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests.RtStruct;

/// <summary>
/// Structure-set processing is durable: a set waiting for its images still waits after a restart, and a set a stop
/// interrupted while processing is processed again at start-up (the gateway process, SQLite index).
/// </summary>
public sealed class RtStructRestartTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("rtstruct-restart");

    [Fact]
    public async Task A_restart_resumes_an_interrupted_processing_and_a_set_still_waiting_for_its_images()
    {
        var ct = TestContext.Current.CancellationToken;
        var storage = _directory.Combine("storage");
        var waiting = RtStructGateway.WriteStudy(_directory.Combine("waiting"));
        var interrupted = RtStructGateway.WriteStudy(_directory.Combine("interrupted"));
        var dicomPort = FreePort.Next();
        string interruptedId;
        await using (var gateway = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-1.log"), ct))
        {
            (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, [waiting.StructureSetFile, .. interrupted.ImageFiles, interrupted.StructureSetFile], ct))
                .EnsureSuccess();
            await RtStructGateway.WaitForSetAsync(gateway.HttpClient, waiting.StudyInstanceUid,
                set => set.State == RtStructureSetState.Waiting && set.ReferencedCount > 0, "the set waiting for its images", ct);
            interruptedId = (await RtStructGateway.WaitForSetAsync(gateway.HttpClient, interrupted.StudyInstanceUid,
                set => set.State == RtStructureSetState.Processed, "the other set processed", ct)).SetId;
        }
        // As if the gateway had stopped half-way through: the set is still marked processing and has no results.
        var database = await SqliteGatewayDatabase.OpenAsync(Path.Combine(storage, "gateway.db"), ct);
        await database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection,
            "UPDATE rt_structure_sets SET state = 'processing' WHERE set_id = @id", ct, ("@id", interruptedId)), ct);
        Directory.Delete(RtStructResults.Folder(storage, interruptedId), recursive: true);

        await using var restarted = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-2.log"), ct);
        var resumed = await RtStructGateway.WaitForSetAsync(restarted.HttpClient, interrupted.StudyInstanceUid,
            set => set.State == RtStructureSetState.Processed, "the interrupted set processed again", ct);
        Assert.Equal(interruptedId, resumed.SetId);
        Assert.True(File.Exists(Path.Combine(RtStructResults.Folder(storage, interruptedId), RtStructResults.SummaryFileName)));

        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, waiting.ImageFiles, ct)).EnsureSuccess();
        var processed = await RtStructGateway.WaitForSetAsync(restarted.HttpClient, waiting.StudyInstanceUid,
            set => set.State == RtStructureSetState.Processed, "the waiting set processed once its images arrived after the restart", ct);
        Assert.Equal((0, 2), (processed.MissingCount, processed.RoiCount));
    }

    public void Dispose() => _directory.Dispose();
}
