using System.Security.Cryptography;
using System.Text;
using Airadcr.DicomGateway.Archives;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Research;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests.Archives;

/// <summary>The archives registry over both engines of <c>gatewaydb</c>: SQLite (a file) and PostgreSQL (a real server).</summary>
public sealed class ArchiveRegistryTests(ArchiveRegistryTests.Databases databases) : IClassFixture<ArchiveRegistryTests.Databases>
{
    public sealed class Databases : IAsyncLifetime
    {
        private readonly FixtureDirectory _directory = new("archives-registry");
        private readonly PostgreSqlServer _postgres = new();

        public SqliteGatewayDatabase Sqlite { get; private set; } = null!;

        public PostgresGatewayDatabase Postgres { get; private set; } = null!;

        public string SqliteFile => _directory.Combine("gateway.db");

        /// <summary>The gateway's data key (as <c>Gateway:Research:DataKey</c> gives it).</summary>
        public ArchiveCredentialSealer Sealer { get; } =
            new(new ResearchAccess(new ResearchKeys(RandomNumberGenerator.GetBytes(ResearchKeys.MasterKeyLength)), new GatewayPaths(Path.GetTempPath())));

        public ArchiveRegistry Registry(GatewayMode mode) =>
            new(mode == GatewayMode.Embedded ? Sqlite : Postgres, Sealer, TimeProvider.System);

        public async ValueTask InitializeAsync()
        {
            Sqlite = await SqliteGatewayDatabase.OpenAsync(SqliteFile, CancellationToken.None);
            await _postgres.InitializeAsync();
            Postgres = await PostgresGatewayDatabase.OpenAsync(await _postgres.CreateDatabaseAsync("gatewaydb", CancellationToken.None), CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            await Postgres.DisposeAsync();
            await _postgres.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _directory.Dispose();
        }
    }

    private static ArchiveDefinition Archive(string name, ArchiveRole role = ArchiveRole.Secondary, string? dicomWeb = null) =>
        new("", name, "AE_" + name[..Math.Min(name.Length, 8)].ToUpperInvariant(), "127.0.0.1", 4242, dicomWeb, role, Enabled: true);

    public static TheoryData<GatewayMode> Modes => [GatewayMode.Embedded, GatewayMode.Server];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_archive_is_added_read_updated_disabled_and_deleted(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = databases.Registry(mode);
        var name = "crud-" + mode;

        var added = await registry.AddAsync(Archive(name, ArchiveRole.Primary, "http://127.0.0.1:8042/dicom-web"), null, ct);

        Assert.Matches("^[0-9a-f]{32}$", added.Id);
        Assert.Equal(added, await registry.GetAsync(added.Id, ct));
        Assert.Contains(added, await registry.ListAsync(ct));
        var moved = added with { Host = "localhost", Port = 11112, Role = ArchiveRole.Research, DicomWebBaseUrl = null };
        Assert.True(await registry.UpdateAsync(moved, ct));
        Assert.Equal(moved, await registry.GetAsync(added.Id, ct));
        Assert.True(await registry.SetEnabledAsync(added.Id, false, ct));
        Assert.DoesNotContain(await registry.ListEnabledAsync(ct), archive => archive.Id == added.Id);
        Assert.True(await registry.DeleteAsync(added.Id, ct));
        Assert.Null(await registry.GetAsync(added.Id, ct));
        Assert.False(await registry.UpdateAsync(moved, ct));
        Assert.False(await registry.DeleteAsync(added.Id, ct));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_second_archive_of_the_same_name_is_refused(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = databases.Registry(mode);
        await registry.AddAsync(Archive("twice-" + mode), null, ct);

        await Assert.ThrowsAsync<ArchiveNameTakenException>(() => registry.AddAsync(Archive("twice-" + mode), null, ct));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Credentials_are_kept_sealed_and_opened_only_on_request(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = databases.Registry(mode);
        var credentials = new ArchiveCredentials("orthanc-user-" + mode, "s3cret-" + Guid.NewGuid().ToString("N"));

        var added = await registry.AddAsync(Archive("sealed-" + mode), credentials, ct);

        Assert.True(added.HasCredentials);
        Assert.True((await registry.GetAsync(added.Id, ct))!.HasCredentials);
        Assert.Equal(credentials, await registry.GetCredentialsAsync(added.Id, ct));
        Assert.DoesNotContain(credentials.Password, credentials.ToString(), StringComparison.Ordinal);
        Assert.True(await registry.SetCredentialsAsync(added.Id, null, ct));
        Assert.Null(await registry.GetCredentialsAsync(added.Id, ct));
        Assert.False((await registry.GetAsync(added.Id, ct))!.HasCredentials);
    }

    [Fact]
    public async Task The_database_file_holds_no_credential_in_clear()
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = databases.Registry(GatewayMode.Embedded);
        var credentials = new ArchiveCredentials("clear-user-" + Guid.NewGuid().ToString("N"), "clear-password-" + Guid.NewGuid().ToString("N"));
        var added = await registry.AddAsync(Archive("in-file"), credentials, ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // checkpoint-free: read the file and its WAL as they are

        var bytes = (await File.ReadAllBytesAsync(databases.SqliteFile, ct))
            .Concat(File.Exists(databases.SqliteFile + "-wal") ? await File.ReadAllBytesAsync(databases.SqliteFile + "-wal", ct) : []).ToArray();

        Assert.Equal(credentials, await registry.GetCredentialsAsync(added.Id, ct));
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("in-file")) >= 0, "the archive's row is in the files read");
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(credentials.UserName)) < 0, "user name in clear");
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(credentials.Password)) < 0, "password in clear");
    }

    [Fact]
    public void Credentials_sealed_for_one_archive_do_not_open_as_another_s()
    {
        var sealer = databases.Sealer;
        var sealedBytes = sealer.Seal("archive-a", new ArchiveCredentials("u", "p"));

        Assert.ThrowsAny<CryptographicException>(() => sealer.Open("archive-b", sealedBytes));
        Assert.Equal(new ArchiveCredentials("u", "p"), sealer.Open("archive-a", sealedBytes));
    }
}
