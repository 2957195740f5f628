namespace Airadcr.Audit;

/// <summary>Writes a secret the service generates for itself (key, pepper): a new file, readable by its owner only.</summary>
internal static class OwnerOnlyFile
{
    public static void WriteNew(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of the same service wrote it first: theirs is the one.
        }
    }

    /// <summary>The file's content, written first when absent (by <paramref name="create"/>).</summary>
    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            WriteNew(path, create());
        }
        return File.ReadAllText(path).Trim();
    }
}
