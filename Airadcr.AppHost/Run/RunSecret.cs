namespace Airadcr.AppHost.Run;

/// <summary>
/// A secret of the run folder (<c>{data}/secrets/{name}</c>, readable by its owner only), generated on first use and
/// kept with the data it protects, so that a kept run folder (no <c>--fresh</c>) signs in with the same secret.
/// Read lazily, when a process starts (after <c>--fresh</c> has emptied the folder).
/// </summary>
public sealed class RunSecret(string dataDirectory, string name, SecretShapeAnnotation shape)
{
    private readonly Lock _lock = new();
    private string? _value;

    public string Path => System.IO.Path.Combine(dataDirectory, "secrets", name);

    public string Value
    {
        get
        {
            lock (_lock)
            {
                return _value ??= ReadOrCreate();
            }
        }
    }

    private string ReadOrCreate()
    {
        if (File.Exists(Path))
        {
            return File.ReadAllText(Path).Trim();
        }
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var value = shape.NewValue();
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(Path, value);
            return value;
        }
        using var file = new FileStream(Path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        file.Write(System.Text.Encoding.ASCII.GetBytes(value));
        return value;
    }
}
