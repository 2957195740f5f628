using System.Text.Json;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Process;

/// <summary>
/// The spec's C# client (section 6), compiled from SpecClients/AiradcrClient.cs, which must stay byte-identical to
/// the spec's block, against the real server.
/// </summary>
public sealed class SpecCSharpClientTests : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("airadcr-csharp-").FullName;
    private ReportApiProcess? api;

    public async ValueTask InitializeAsync() => api = await ReportApiProcess.StartAsync(dataDirectory, FreePort.Next());

    [Fact]
    public void The_compiled_client_is_the_spec_block_unmodified()
    {
        var block = SpecDocument.CodeBlock("csharp", "class AiradcrClient");

        Assert.Equal(block, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SpecClients", "AiradcrClient.cs")));
    }

    [Fact]
    public async Task The_spec_csharp_client_checks_health_stores_and_opens_a_report()
    {
        var client = new AiradcrClient(TestKeys.Api, api!.BaseUrl());

        Assert.True(await client.IsAvailableAsync());
        var stored = await client.StoreReportAsync(new
        {
            technical_id = "CSHARP_001",
            accession_number = "ACC_CSHARP",
            structured = new { title = "Scanner thoracique", results = "RAS" },
            source_type = "teo_hub",
        });
        var opened = await client.OpenReportAsync("ACC_CSHARP");

        Assert.True(stored!.Value.GetProperty("success").GetBoolean());
        Assert.Equal("https://airadcr.com/app?tori=true&tid=CSHARP_001", stored.Value.GetProperty("retrieval_url").GetString());
        Assert.Equal(JsonValueKind.True, opened!.Value.GetProperty("success").ValueKind);
        Assert.Equal("CSHARP_001", opened.Value.GetProperty("technical_id").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }
}
