namespace Airadcr.ReportApi.Security;

/// <summary>Directories of the data dir are readable by their owner only (0700).</summary>
public static class OwnerOnlyDirectory
{
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
