namespace Airadcr.Testing.Tests;

[CollectionDefinition(nameof(PostgreSqlCollection))]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>;

[CollectionDefinition(nameof(RedisCollection))]
public sealed class RedisCollection : ICollectionFixture<RedisServer>;

[CollectionDefinition(nameof(OrthancCollection))]
public sealed class OrthancCollection : ICollectionFixture<OrthancServer>;

[CollectionDefinition(nameof(StoreScpCollection))]
public sealed class StoreScpCollection : ICollectionFixture<StoreScpServer>;
