using Airadcr.Testing;

[assembly: AssemblyFixture(typeof(NoServerProcessLeft))]

namespace Airadcr.Audit.Tests;

[CollectionDefinition(nameof(PostgreSqlCollection))]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>;
