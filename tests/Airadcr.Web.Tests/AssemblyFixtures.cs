using Airadcr.Testing;

[assembly: AssemblyFixture(typeof(NoServerProcessLeft))]
