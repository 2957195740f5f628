using Airadcr.Testing;

[assembly: AssemblyFixture(typeof(NoServerProcessLeft))]

namespace Airadcr.DicomGateway.Tests;

/// <summary>One embedded-mode gateway (SQLite, in-process queue) shared by its tests.</summary>
[CollectionDefinition(nameof(GatewayCollection))]
public sealed class GatewayCollection : ICollectionFixture<EmbeddedGatewayHost>;

/// <summary>One server-mode gateway (PostgreSQL, Redis) shared by its tests.</summary>
[CollectionDefinition(nameof(ServerModeGatewayCollection))]
public sealed class ServerModeGatewayCollection : ICollectionFixture<ServerModeGatewayHost>;
