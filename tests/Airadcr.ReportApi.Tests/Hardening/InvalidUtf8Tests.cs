using System.Net;
using System.Text;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Hardening;

/// <summary>Issue 20, item 5: bytes that are not UTF-8 are a 400 naming the field, never a 500 nor U+FFFD stored.</summary>
public sealed class InvalidUtf8Tests : IAsyncDisposable
{
    private readonly ReportApiFactory api = new(new Dictionary<string, string?>());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"technical_id":"X<bad>","structured":{}}""", "technical_id")]
    [InlineData("""{"technical_id":"T_UTF8","structured":{"results":"a<bad>b"}}""", "structured")]
    [InlineData("""{"technical_id":"T_UTF8","structured":{"a<bad>":"b"}}""", "structured")]
    public async Task Invalid_utf8_in_a_field_is_a_400_naming_it(string template, string field)
    {
        using var response = await PostBytesAsync(template);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(field, (string?)body["field"]);
        Assert.Equal($"{field} must be valid UTF-8", (string?)body["error"]);
        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync("/pending-report?tid=T_UTF8", Token)).StatusCode);
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_without_the_json_readers_positions()
    {
        using var response = await api.CreateClient().SendAsync(SampleReports.RawPost("/pending-report", """{"technical_id": "T1", """), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string?)(await response.JsonAsync())["error"] ?? "";
        Assert.StartsWith("Invalid JSON body: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", error, StringComparison.Ordinal);
    }

    /// <summary>Posts the template with <c>&lt;bad&gt;</c> replaced by C3 28 (a lead byte followed by ASCII).</summary>
    private Task<HttpResponseMessage> PostBytesAsync(string template)
    {
        var parts = template.Split("<bad>");
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(parts[0]));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes(parts[1]));
        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return api.CreateClient().WithApiKey().PostAsync("/pending-report", content, Token);
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        await api.DeleteDataDirectoryAsync();
    }
}
