using StackExchange.Redis;

namespace Airadcr.Testing.Tests;

[Collection(nameof(RedisCollection))]
public sealed class RedisServerTests(RedisServer redis)
{
    [Fact]
    public async Task Answers_ping_from_an_independent_client()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var latency = await connection.GetDatabase().PingAsync();
        Assert.True(latency >= TimeSpan.Zero);
        Assert.Equal("PONG", await redis.PingAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Stores_and_reads_a_value()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        await database.StringSetAsync("fixture:key", "value");
        Assert.Equal("value", (string?)await database.StringGetAsync("fixture:key"));
    }
}
