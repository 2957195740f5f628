using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests;

[CollectionDefinition(nameof(OrthancCollection))]
public sealed class OrthancCollection : ICollectionFixture<OrthancServer>;

[CollectionDefinition(nameof(StoreScpCollection))]
public sealed class StoreScpCollection : ICollectionFixture<StoreScpServer>;
