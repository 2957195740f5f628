using System.Globalization;
using System.Net;
using Airadcr.Testing;
using Microsoft.Data.Sqlite;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// The built Web started in Production over plain HTTP, without <c>AIRADCR_WEB_ADMIN_USER</c>/<c>_PASSWORD</c>: no
/// default account, and behind a reverse proxy on the same host that terminates TLS (X-Forwarded-Proto) its secure
/// cookies and antiforgery work.
/// </summary>
[Collection(ProductionWebCollection.Name)]
public sealed class ProductionWebTests : IAsyncLifetime
{
    private readonly FixtureDirectory directory = new("web-production-http");
    private readonly int port = FreePort.Next();
    private ServerProcess? web;
    private HttpClient http = default!;

    private string LogPath => directory.Combine("web.log");

    public async ValueTask InitializeAsync()
    {
        web = BuiltService.Start("web-production-http", BuiltService.Find("Airadcr.Web"), port, LogPath,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Web__DataDirectory"] = directory.Combine("web"),
                ["AIRADCR_WEB_ADMIN_USER"] = "",
                ["AIRADCR_WEB_ADMIN_PASSWORD"] = "",
            });
        // /alive answers once the start-up work is done (hosted services start before the server listens).
        await BuiltService.WaitForHttpAsync(web, port, "/alive", TestContext.Current.CancellationToken);
        http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"),
        };
    }

    [Fact]
    public async Task Without_a_first_admin_in_the_environment_no_account_is_created()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = new SqliteConnection($"Data Source={directory.Combine("web", "web.db")};Pooling=False");
        await db.OpenAsync(ct);
        await using var users = db.CreateCommand();
        users.CommandText = "SELECT COUNT(*) FROM AspNetUsers";

        Assert.Equal(0L, Convert.ToInt64(await users.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
        Assert.Contains("nobody can sign in yet", await File.ReadAllTextAsync(LogPath, ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_local_tls_proxy_the_sign_in_form_is_served_with_a_secure_antiforgery_cookie()
    {
        var ct = TestContext.Current.CancellationToken;
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var form = await http.SendAsync(proxied, ct);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var cookies = form.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        var antiforgery = Assert.Single(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery.Split(';').Select(a => a.Trim().ToLowerInvariant()));

        // Plain HTTP without a proxy saying otherwise gets no form: the secure cookies could not come back.
        using var direct = await http.GetAsync("/account/login", ct);
        Assert.NotEqual(HttpStatusCode.OK, direct.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        http?.Dispose();
        if (web is not null)
        {
            await web.DisposeAsync();
        }
        directory.Dispose();
    }
}
