using System.Globalization;
using Airadcr.Testing;
using Microsoft.Data.Sqlite;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// No default password: the built Web started in Production without <c>AIRADCR_WEB_ADMIN_USER</c>/<c>_PASSWORD</c>
/// creates no account at all and says so in its log.
/// </summary>
[Collection(ProductionWebCollection.Name)]
public sealed class NoDefaultAdminTests
{
    [Fact]
    public async Task Production_without_a_first_admin_in_the_environment_creates_no_account()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new FixtureDirectory("web-no-admin");
        var port = FreePort.Next();
        var log = directory.Combine("web.log");
        await using (var web = BuiltService.Start("web-no-admin", BuiltService.Find("Airadcr.Web"), port, log,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Web__DataDirectory"] = directory.Combine("web"),
                ["AIRADCR_WEB_ADMIN_USER"] = "",
                ["AIRADCR_WEB_ADMIN_PASSWORD"] = "",
            }))
        {
            await BuiltService.WaitForHttpAsync(web, port, "/alive", ct); // after the start-up work (hosted services start first)
        }

        await using var db = new SqliteConnection($"Data Source={directory.Combine("web", "web.db")};Pooling=False");
        await db.OpenAsync(ct);
        await using var users = db.CreateCommand();
        users.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
        Assert.Equal(0L, Convert.ToInt64(await users.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
        Assert.Contains("nobody can sign in yet", await File.ReadAllTextAsync(log, ct), StringComparison.Ordinal);
    }
}
