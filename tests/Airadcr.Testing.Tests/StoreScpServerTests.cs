namespace Airadcr.Testing.Tests;

[Collection(nameof(StoreScpCollection))]
public sealed class StoreScpServerTests(StoreScpServer storescp)
{
    [Fact]
    public async Task Answers_c_echo_from_echoscu()
    {
        (await DcmtkTools.EchoAsync(storescp.AeTitle, storescp.Port, TestContext.Current.CancellationToken)).EnsureSuccess();
    }

    [Fact]
    public async Task Writes_a_stored_instance_that_dcmdump_reads()
    {
        var ct = TestContext.Current.CancellationToken;
        (await DcmtkTools.StoreAsync(storescp.AeTitle, storescp.Port, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();

        var received = Assert.Single(storescp.ReceivedFiles(), file => Path.GetFileName(file).StartsWith("CT.", StringComparison.Ordinal));
        var dump = (await DcmtkTools.DcmDumpAsync(received, ct)).EnsureSuccess();
        Assert.Contains("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322", dump.StandardOutput);
    }
}
