using Airadcr.Testing;

[assembly: AssemblyFixture(typeof(NoServerProcessLeft))]

namespace Airadcr.EndToEnd.Tests;

/// <summary>Tests sharing one graph booted through the AppHost.</summary>
[CollectionDefinition(nameof(GraphCollection))]
public sealed class GraphCollection : ICollectionFixture<RunningGraph>;

/// <summary>Tests that boot their own AppHost process: alone, after the others (graphs prefer the same well-known ports).</summary>
[CollectionDefinition(nameof(AppHostProcessCollection), DisableParallelization = true)]
public sealed class AppHostProcessCollection;
