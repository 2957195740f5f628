using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Airadcr.Testing;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// The Web as it runs in production: the built dll with <c>ASPNETCORE_ENVIRONMENT=Production</c>, HTTPS (Kestrel with a
/// certificate made for the test), the first admin from the environment. Signing in through the real form sets
/// cookies that are <c>secure</c>, <c>httponly</c> and <c>samesite=strict</c>, the session cookie is not persistent,
/// and the configured idle sign-out time reaches the page.
/// </summary>
[Collection(ProductionWebCollection.Name)]
public sealed partial class ProductionCookieTests : IAsyncLifetime
{
    private const string IdleTimeout = "00:07:00";
    private readonly FixtureDirectory directory = new("web-production");
    private readonly int port = FreePort.Next();
    private ServerProcess? web;
    private HttpClient http = default!;

    public async ValueTask InitializeAsync()
    {
        var certificate = directory.Combine("web.pfx");
        const string certificatePassword = "test-certificate";
        await File.WriteAllBytesAsync(certificate, SelfSignedCertificate().Export(X509ContentType.Pfx, certificatePassword));
        var baseUrl = $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        web = BuiltService.Start("web-production", BuiltService.Find("Airadcr.Web"), port, directory.Combine("web.log"),
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = baseUrl,
                ["Kestrel__Certificates__Default__Path"] = certificate,
                ["Kestrel__Certificates__Default__Password"] = certificatePassword,
                ["Web__DataDirectory"] = directory.Combine("web"),
                ["Web__IdleTimeout"] = IdleTimeout,
                ["AIRADCR_WEB_ADMIN_USER"] = WebStack.AdminUser,
                ["AIRADCR_WEB_ADMIN_PASSWORD"] = WebStack.AdminPassword,
            });
        // Cookies are read from the raw Set-Cookie headers: no cookie container, no redirects followed.
        http = new HttpClient(new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
        })
        { BaseAddress = new Uri(baseUrl) };
        await Readiness.WaitAsync(web, async token => (await http.GetAsync("/account/login", token)).IsSuccessStatusCode,
            TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Signing_in_over_https_in_production_sets_secure_httponly_strict_cookies_and_the_idle_time_reaches_the_page()
    {
        var ct = TestContext.Current.CancellationToken;
        using var form = await http.GetAsync("/account/login", ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = Assert.Single(SetCookies(form), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        AssertHardened(antiforgery);
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync(ct)).Groups[1].Value;
        Assert.NotEmpty(token);

        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.UserName"] = WebStack.AdminUser,
                ["Input.Password"] = WebStack.AdminPassword,
            }),
        };
        signIn.Headers.Add("Cookie", NameValue(antiforgery));
        using var signedIn = await http.SendAsync(signIn, ct);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(SetCookies(signedIn), c => c.StartsWith("airadcr.web=", StringComparison.Ordinal));
        AssertHardened(session);
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase); // a session cookie: gone with the browser

        using var worklist = new HttpRequestMessage(HttpMethod.Get, "/");
        worklist.Headers.Add("Cookie", NameValue(session));
        using var page = await http.SendAsync(worklist, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Contains("id=\"logout-form\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-idle-seconds=\"{TimeSpan.Parse(IdleTimeout, CultureInfo.InvariantCulture).TotalSeconds}\"", html, StringComparison.Ordinal);
    }

    private static void AssertHardened(string setCookie)
    {
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
    }

    private static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static string NameValue(string setCookie) => setCookie.Split(';')[0];

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (web is not null)
        {
            await web.DisposeAsync();
        }
        directory.Dispose();
    }
}

/// <summary>Runs alone, after the parallel collections (its own Web process besides the stacks').</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProductionWebCollection
{
    public const string Name = "web in production";
}
