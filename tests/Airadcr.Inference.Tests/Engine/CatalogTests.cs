namespace Airadcr.Inference.Tests.Engine;

public sealed class CatalogTests
{
    private const string ValidManifest = """
        {
          "id": "copy", "version": "0.1.0", "file": "copy.onnx", "modalities": ["MR"],
          "input": { "name": "intensity" },
          "decoding": { "kind": "mask-volume", "maskOutput": "tissue_mask", "minVolumeMl": 1,
                        "finding": { "code": "12738006", "scheme": "SCT", "meaning": "Brain structure" } }
        }
        """;

    [Fact]
    public async Task The_shipped_models_all_load_and_warm()
    {
        using var folder = new ModelsFolder("ct-nodule-candidates", "mr-brain-volumetry", "dx-intensity-balance");
        await using var host = new EngineHost(folder.Path);

        Assert.Empty(host.Catalog.Problems);
        Assert.Equal(["ct-nodule-candidates", "dx-intensity-balance", "mr-brain-volumetry"], host.Catalog.Models.Select(m => m.Manifest.Id).Order());
    }

    [Theory]
    [InlineData("broken.json", "{ \"id\": ", "manifest is not valid")]
    [InlineData("nofile.json", """{ "id": "nofile", "version": "1", "file": "absent.onnx", "modalities": ["CT"], "input": { "name": "x" }, "decoding": { "kind": "classification", "probabilitiesOutput": "p", "labels": [] } }""", "model file 'absent.onnx' not found")]
    [InlineData("nokind.json", """{ "id": "nokind", "version": "1", "file": "x.onnx", "modalities": ["CT"], "input": { "name": "x" }, "decoding": { "kind": "segmentation" } }""", "manifest is not valid")]
    [InlineData("nomodality.json", """{ "id": "nomodality", "version": "1", "file": "x.onnx", "modalities": [], "input": { "name": "x" }, "decoding": { "kind": "classification", "probabilitiesOutput": "p", "labels": [] } }""", "modalities must list at least one")]
    public async Task A_bad_manifest_is_reported_with_its_reason_and_the_other_models_are_still_served(string name, string text, string reason)
    {
        using var folder = new ModelsFolder("mr-brain-volumetry");
        folder.Write(name, text);
        await using var host = new EngineHost(folder.Path);

        var problem = Assert.Single(host.Catalog.Problems);
        Assert.Equal(name, problem.File);
        Assert.Contains(reason, problem.Reason);
        Assert.Equal("mr-brain-volumetry", Assert.Single(host.Catalog.Models).Manifest.Id);
    }

    [Fact]
    public async Task A_model_file_that_is_not_onnx_is_reported()
    {
        using var folder = new ModelsFolder("mr-brain-volumetry");
        folder.Write("copy.json", ValidManifest);
        folder.Write("copy.onnx", "this is not a protobuf"u8.ToArray());
        await using var host = new EngineHost(folder.Path);

        var problem = Assert.Single(host.Catalog.Problems);
        Assert.Equal(("copy.json", "copy"), (problem.File, problem.ModelId));
        Assert.Single(host.Catalog.Models);
    }

    [Fact]
    public async Task A_manifest_naming_an_input_the_model_lacks_is_reported_with_the_inputs_it_has()
    {
        using var folder = new ModelsFolder("mr-brain-volumetry");
        folder.Write("copy.json", ValidManifest.Replace("\"name\": \"intensity\"", "\"name\": \"pixels\""));
        File.Copy(Path.Combine(folder.Path, "mr-brain-volumetry.onnx"), Path.Combine(folder.Path, "copy.onnx"));
        await using var host = new EngineHost(folder.Path);

        var problem = Assert.Single(host.Catalog.Problems);
        Assert.Contains("input 'pixels' not in the model (it has: intensity)", problem.Reason);
    }

    [Fact]
    public async Task A_model_file_whose_hash_differs_from_the_manifest_is_reported()
    {
        using var folder = new ModelsFolder("mr-brain-volumetry");
        folder.Write("copy.json", ValidManifest.Replace("\"modalities\"", "\"sha256\": \"00\", \"modalities\""));
        File.Copy(Path.Combine(folder.Path, "mr-brain-volumetry.onnx"), Path.Combine(folder.Path, "copy.onnx"));
        await using var host = new EngineHost(folder.Path);

        Assert.Contains("the manifest says 00", Assert.Single(host.Catalog.Problems).Reason);
    }

    [Fact]
    public void The_shipped_manifests_match_the_models_the_generator_writes()
    {
        using var folder = new ModelsFolder();
        var script = Path.Combine(EngineHost.ShippedModels, "generate_models.py");
        Assert.True(File.Exists("/usr/bin/python3"), "python3 not found: run `sudo eng/install-deps.sh` (apt-get install -y --no-install-recommends python3-onnx python3-numpy)");
        File.Copy(script, Path.Combine(folder.Path, "generate_models.py"));
        var run = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", Path.Combine(folder.Path, "generate_models.py"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = run.StandardError.ReadToEnd();
        run.WaitForExit();
        Assert.True(run.ExitCode == 0, $"generate_models.py failed: {error} (python3-onnx missing? run `sudo eng/install-deps.sh` (apt-get install -y --no-install-recommends python3-onnx python3-numpy))");
        foreach (var onnx in Directory.EnumerateFiles(folder.Path, "*.onnx"))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(EngineHost.ShippedModels, Path.GetFileName(onnx))), File.ReadAllBytes(onnx));
        }

        Assert.Equal(3, Directory.EnumerateFiles(folder.Path, "*.onnx").Count());
    }
}
