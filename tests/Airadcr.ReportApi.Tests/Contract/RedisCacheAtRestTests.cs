using System.Text;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;
using StackExchange.Redis;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>
/// Server mode: the distributed cache (Redis) holds sealed rows only. Reads keep the report opened from a row beside
/// it in memory; none of that may reach Redis: no identifier and no report text in any cached value.
/// </summary>
[Collection(PostgresRedisCollection.Name)]
public sealed class RedisCacheAtRestTests(PostgreSqlServer postgres, RedisServer redis) : ContractTestBase(new PostgresRedisBackend(postgres, redis))
{
    private const string TechnicalId = "REDIS_AT_REST";

    [Fact]
    public async Task After_reads_redis_holds_no_identifier_and_no_report_text()
    {
        var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        (await client.PostReportAsync(SampleReports.SpecExample(TechnicalId))).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync($"/pending-report?tid={TechnicalId}", Token)).EnsureSuccessStatusCode();
        }

        var cached = await CachedReportValuesAsync();

        Assert.NotEmpty(cached);
        Assert.DoesNotContain(cached, value => new[] { TechnicalId, "PAT123456", "ACC2024001", "Céphalées", "brain_volumetry", "SITE_001" }
            .Any(plaintext => value.Contains(plaintext, StringComparison.Ordinal)));
    }

    /// <summary>Every field of every cached report entry in Redis (the distributed cache stores each entry as a hash).</summary>
    private async Task<List<string>> CachedReportValuesAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var values = new List<string>();
        await foreach (var key in connection.GetServers().Single().KeysAsync(pattern: "*airadcr:report:*"))
        {
            values.AddRange((await database.HashGetAllAsync(key)).Select(field => Encoding.UTF8.GetString((byte[])field.Value!)));
        }
        return values;
    }
}
