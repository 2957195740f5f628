using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Contract;

[CollectionDefinition(Name)]
public sealed class PostgresRedisCollection : ICollectionFixture<PostgreSqlServer>, ICollectionFixture<RedisServer>
{
    public const string Name = "PostgreSQL + Redis";
}

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresStoreReportTests(PostgreSqlServer postgres, RedisServer redis)
    : StoreReportContract(new PostgresRedisBackend(postgres, redis));

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresReadReportTests(PostgreSqlServer postgres, RedisServer redis)
    : ReadReportContract(new PostgresRedisBackend(postgres, redis));

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresOpenReportTests(PostgreSqlServer postgres, RedisServer redis)
    : OpenReportContract(new PostgresRedisBackend(postgres, redis));

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresApiKeyTests(PostgreSqlServer postgres, RedisServer redis)
    : ApiKeyContract(new PostgresRedisBackend(postgres, redis));

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresLifecycleTests(PostgreSqlServer postgres, RedisServer redis)
    : LifecycleContract(new PostgresRedisBackend(postgres, redis));

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresReviewTests(PostgreSqlServer postgres, RedisServer redis)
    : ReviewContract(new PostgresRedisBackend(postgres, redis));
