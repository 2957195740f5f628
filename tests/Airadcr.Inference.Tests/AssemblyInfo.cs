[assembly: AssemblyFixture(typeof(Airadcr.Inference.Tests.Engine.ShippedEngine))]
[assembly: AssemblyFixture(typeof(Airadcr.Inference.Tests.Http.ShippedApi))]
[assembly: AssemblyFixture(typeof(Airadcr.Testing.NoServerProcessLeft))]
