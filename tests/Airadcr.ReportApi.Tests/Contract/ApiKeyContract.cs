using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Airadcr.ReportApi.Security;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>Spec 3 and 4.1: API keys behind X-Admin-Key, and GET /health.</summary>
public abstract partial class ApiKeyContract(IStoreBackend backend) : ContractTestBase(backend)
{
    [Fact]
    public async Task Creating_a_key_answers_201_with_the_key_shown_once()
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().WithAdminKey()
            .PostAsJsonAsync("/api-keys", new { name = "TÉO Hub Production" }, Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.True(Guid.TryParse((string?)body["id"], out _));
        Assert.Matches(KeyShape(), (string?)body["key"]);
        Assert.Equal("TÉO Hub Production", (string?)body["name"]);
        Assert.Equal("API key created successfully. Store this key securely - it won't be shown again.", (string?)body["message"]);
    }

    [Fact]
    public async Task A_created_key_authenticates_until_revoked()
    {
        await using var api = await StartAsync();
        var admin = api.CreateClient().WithAdminKey();
        var created = await (await admin.PostAsJsonAsync("/api-keys", new { name = "RIS" }, Token)).JsonAsync();
        var client = api.CreateClient().WithApiKey((string)created["key"]!);

        Assert.Equal(HttpStatusCode.OK, (await client.PostReportAsync(SampleReports.Minimal("BY_NEW_KEY"))).StatusCode);
        var revoked = await admin.DeleteAsync($"/api-keys/{created["id"]}", Token);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"success":true,"revoked":true,"id":"{{created["id"]}}"}"""), await revoked.JsonAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostReportAsync(SampleReports.Minimal("AFTER_REVOKE"))).StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_through_another_instance_stops_working_here_after_the_revalidation_period()
    {
        var (first, store) = await StartWithStoreAsync();
        var created = await (await first.CreateClient().WithAdminKey().PostAsJsonAsync("/api-keys", new { name = "Shared" }, Token)).JsonAsync();
        var client = first.CreateClient().WithApiKey((string)created["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.PostReportAsync(SampleReports.Minimal("BEFORE_REVOKE"))).StatusCode);

        var second = Restart(first, store);
        var revoked = await (await second.CreateClient().WithAdminKey().DeleteAsync($"/api-keys/{created["id"]}", Token)).JsonAsync();
        Assert.True(revoked["revoked"]!.GetValue<bool>());
        first.Clock.Advance(ApiKeyService.Revalidation);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostReportAsync(SampleReports.Minimal("AFTER_REVOKE"))).StatusCode);
    }

    [Fact]
    public async Task Listing_keys_shows_prefix_and_last_use_but_no_secret()
    {
        await using var api = await StartAsync();
        var admin = api.CreateClient().WithAdminKey();
        var created = await (await admin.PostAsJsonAsync("/api-keys", new { name = "Listed" }, Token)).JsonAsync();
        var secret = (string)created["key"]!;
        await api.CreateClient().WithApiKey(secret).PostReportAsync(SampleReports.Minimal("USED"));

        using var response = await admin.GetAsync("/api-keys", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var keys = JsonNode.Parse(text)!["keys"]!.AsArray();
        var listed = keys.Single(k => (string?)k!["id"] == (string?)created["id"])!;
        Assert.Equal(secret.Substring("airadcr_".Length, 8), (string?)listed["prefix"]);
        Assert.True(listed["is_active"]!.GetValue<bool>());
        Assert.Equal("2026-02-23T10:30:00Z", (string?)listed["last_used_at"]);
        Assert.Null(listed["key"]);
        Assert.Null(listed["key_hash"]);
        Assert.Contains(keys, k => (string?)k!["name"] == "AIRADCR_PROD_API_KEY");
    }

    [Theory]
    [InlineData("POST", "/api-keys", null)]
    [InlineData("GET", "/api-keys", null)]
    [InlineData("DELETE", "/api-keys/00000000-0000-0000-0000-000000000000", null)]
    [InlineData("GET", "/api-keys", "wrong-admin-key-0123456789abcdefghijklmnop")]
    [InlineData("GET", "/api-keys", TestKeys.Api)]
    public async Task Key_management_refuses_a_missing_or_wrong_admin_key_with_401(string method, string path, string? adminKey)
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        if (adminKey is not null)
        {
            client.WithAdminKey(adminKey);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "x" }) };
        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid or missing admin key", (string?)(await response.JsonAsync())["error"]);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"name": ""}""")]
    [InlineData("""{"name": 3}""")]
    public async Task Creating_a_key_without_a_valid_name_is_400(string json)
    {
        await using var api = await StartAsync();
        var request = SampleReports.RawPost("/api-keys", json, apiKey: null);
        request.Headers.Add("X-Admin-Key", TestKeys.Admin);
        using var response = await api.CreateClient().SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("name", (string?)(await response.JsonAsync())["field"]);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_404()
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().WithAdminKey().DeleteAsync("/api-keys/unknown", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_an_admin_key_configured_key_management_is_closed()
    {
        await using var api = await StartAsync(new Dictionary<string, string?> { ["AIRADCR_ADMIN_KEY"] = "" });

        using var response = await api.CreateClient().WithAdminKey("").GetAsync("/api-keys", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_answers_ok_and_hides_the_version_without_a_key()
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().GetAsync("/health", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"status":"ok","version":"","timestamp":"2026-02-23T10:30:00Z"}"""), await response.JsonAsync()));
    }

    [Fact]
    public async Task Health_shows_the_version_to_a_valid_key_only()
    {
        await using var api = await StartAsync();

        var withKey = await (await api.CreateClient().WithApiKey().GetAsync("/health", Token)).JsonAsync();
        var withWrongKey = await (await api.CreateClient().WithApiKey("airadcr_wrongKey0123456789abcdefghijklmnopqrs").GetAsync("/health", Token)).JsonAsync();

        Assert.Equal("2.0.0", (string?)withKey["version"]);
        Assert.Equal("", (string?)withWrongKey["version"]);
    }

    [GeneratedRegex("^airadcr_[A-Za-z0-9_-]{32,}$")]
    private static partial Regex KeyShape();
}
