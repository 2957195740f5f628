using System.Globalization;

namespace Airadcr.Testing;

/// <summary>
/// dcmtk's <c>dcmqrscp</c> (a Query/Retrieve SCP: C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET), an archive independent of
/// Orthanc and of our code, on a free loopback port with <c>TCP_NODELAY=1</c>. Its configuration file and storage folder
/// live in a temporary folder; the AE accepts any calling AE and stores what it receives (<see cref="SeedAsync"/> sends
/// files with dcmtk's <c>storescu</c>). Share it per test collection.
/// </summary>
public sealed class DcmqrscpServer : IAsyncLifetime
{
    private readonly FixtureDirectory _directory = new("dcmqrscp");
    private ServerProcess? _process;

    public string AeTitle { get; init; } = "DCMQR";

    public int Port { get; } = FreePort.Next();

    /// <summary>The most studies the storage area keeps (dcmqrscp deletes the oldest beyond it).</summary>
    public int MaxStudies { get; init; } = 1000;

    /// <summary>The storage folder (its <c>index.dat</c> and the stored files).</summary>
    public string StorageFolder => _directory.Combine("storage");

    public string ConfigFile => _directory.Combine("dcmqrscp.cfg");

    public ServerProcess Process => _process ?? throw new InvalidOperationException("dcmqrscp is not started");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(StorageFolder);
        await File.WriteAllTextAsync(ConfigFile, Config());
        var program = ToolLocator.Find("dcmqrscp", DcmtkTools.AptPackage);
        // Not --single-process (one association at a time): the default forks one process per association, and the
        // whole process group stops with the fixture.
        _process = ServerProcess.Start("dcmqrscp", program,
            ["--config", ConfigFile, "--disable-get", Port.ToString(CultureInfo.InvariantCulture)], _directory.Combine("dcmqrscp.out"));
        await Readiness.WaitAsync(_process, async ct => (await DcmtkTools.EchoAsync(AeTitle, Port, ct)).ExitCode == 0, CancellationToken.None);
    }

    /// <summary>Stores files (or folders, scanned recursively) in the archive with <c>storescu</c>; fails with its output if any is refused.</summary>
    public async Task SeedAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        (await DcmtkTools.StoreAsync(AeTitle, Port, paths, cancellationToken, options: ["+sd", "+r", "-nh"])).EnsureSuccess();
    }

    private string Config() => string.Create(CultureInfo.InvariantCulture, $$"""
        NetworkTCPPort  = {{Port}}
        MaxPDUSize      = 65536
        MaxAssociations = 32

        HostTable BEGIN
        HostTable END

        VendorTable BEGIN
        VendorTable END

        AETable BEGIN
        {{AeTitle}}  {{StorageFolder}}  RW  ({{MaxStudies}}, 100000mb)  ANY
        AETable END

        """);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
