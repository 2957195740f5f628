namespace Airadcr.Testing;

/// <summary>A temporary directory for one server, deleted with it.</summary>
public sealed class FixtureDirectory : IDisposable
{
    public FixtureDirectory(string purpose)
    {
        Path = Directory.CreateTempSubdirectory($"airadcr-{purpose}-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server still flushing a file: the OS temp cleaner takes it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
