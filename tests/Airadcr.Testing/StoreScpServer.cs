using System.Globalization;

namespace Airadcr.Testing;

/// <summary>dcmtk's <c>storescp</c> on a free port, writing what it receives to <see cref="OutputDirectory"/>.</summary>
public sealed class StoreScpServer : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("storescp");
    private ServerProcess? _process;

    public string AeTitle { get; init; } = "STORESCP";

    public int Port { get; } = FreePort.Next();

    public string OutputDirectory => _directory.Combine("received");

    public ServerProcess Process => _process ?? throw new InvalidOperationException("storescp is not started");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(OutputDirectory);
        _process = ServerProcess.Start("storescp", ToolLocator.Find("storescp", DcmtkTools.AptPackage),
            ["--aetitle", AeTitle, "--output-directory", OutputDirectory, "--accept-all",
             Port.ToString(CultureInfo.InvariantCulture)],
            _directory.Combine("storescp.log"));
        await Readiness.WaitAsync(_process,
            async ct => (await DcmtkTools.EchoAsync(AeTitle, Port, ct)).Succeeded, CancellationToken.None);
    }

    /// <summary>The files received so far.</summary>
    public IReadOnlyList<string> ReceivedFiles() => Directory.GetFiles(OutputDirectory);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
