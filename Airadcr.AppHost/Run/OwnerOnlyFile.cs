namespace Airadcr.AppHost.Run;

/// <summary>A file readable by its owner only (0600), made so before its content is written: configuration with secrets.</summary>
internal static class OwnerOnlyFile
{
    public static void Write(string path, string text)
    {
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllText(path, text);
    }
}
