using Airadcr.Audit.Storage;
using Airadcr.Audit.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.Audit.Tests;

/// <summary><c>audit verify</c> as each service runs it: from the service's registration, OK and exit 0, or the breaks and exit 1.</summary>
public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("airadcr-audit-command-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "service.db") }.ToString();

    [Fact]
    public async Task Prints_ok_and_exits_0_for_an_intact_chain_then_names_the_break_and_exits_1()
    {
        await using var services = Services();
        var store = services.GetRequiredService<IAuditStore>();
        await store.AppendAsync("reportapi", [new("key:abcd1234", "GET /pending-report"), new("admin-key", "GET /api-keys")], DateTimeOffset.UnixEpoch, Token);
        await services.GetRequiredService<Checkpoints.AuditCheckpointer>().CheckpointAsync(force: true, Token);

        var intact = new StringWriter();
        var intactExit = await AuditVerifyCommand.RunAsync(services, intact, Token);

        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync(Token);
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit_chain SET actor = 'key:other000' WHERE seq = 1";
            await edit.ExecuteNonQueryAsync(Token);
        }
        var broken = new StringWriter();
        var brokenExit = await AuditVerifyCommand.RunAsync(services, broken, Token);

        Assert.Equal(0, intactExit);
        Assert.StartsWith("reportapi audit chain: OK, 2 entries, head seq 2, latest checkpoint seq 2", intact.ToString());
        Assert.Equal(1, brokenExit);
        Assert.Contains("BROKEN (1 breaks)", broken.ToString());
        Assert.Contains("seq 1: Edited: hash mismatch at seq 1", broken.ToString());
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddAuditTrail("reportapi", _ => new SqliteAuditStore(ConnectionString), _ => _directory);
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
