namespace Airadcr.Inference.Tests.Engine;

/// <summary>A temporary models folder holding copies of shipped models plus whatever a test writes into it.</summary>
public sealed class ModelsFolder : IDisposable
{
    public ModelsFolder(params string[] shippedModels)
    {
        Path = Directory.CreateTempSubdirectory("airadcr-models-").FullName;
        foreach (var id in shippedModels)
        {
            foreach (var ext in new[] { ".json", ".onnx" })
            {
                File.Copy(System.IO.Path.Combine(EngineHost.ShippedModels, id + ext), System.IO.Path.Combine(Path, id + ext));
            }
        }
    }

    public string Path { get; }

    public void Write(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

    public void Write(string name, byte[] bytes) => File.WriteAllBytes(System.IO.Path.Combine(Path, name), bytes);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
