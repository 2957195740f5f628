[assembly: AssemblyFixture(typeof(Airadcr.Inference.Tests.Engine.ShippedEngine))]
