using Airadcr.Testing;

[assembly: AssemblyFixture(typeof(NoServerProcessLeft))]

namespace Airadcr.EndToEnd.Tests;

/// <summary>Tests sharing one graph booted through the AppHost.</summary>
[CollectionDefinition(nameof(GraphCollection))]
public sealed class GraphCollection : ICollectionFixture<AspireGraph>;

/// <summary>Tests that boot their own AppHost or graph: one at a time (each graph is a dozen processes on 2 cores).</summary>
[CollectionDefinition(nameof(AppHostProcessCollection), DisableParallelization = true)]
public sealed class AppHostProcessCollection;
