using Airadcr.Testing;

[assembly: AssemblyFixture(typeof(NoServerProcessLeft))]

namespace Airadcr.DicomGateway.Tests;

[CollectionDefinition(nameof(GatewayCollection))]
public sealed class GatewayCollection : ICollectionFixture<GatewayHost>;
