namespace Airadcr.ReportApi.Security;

/// <summary>
/// Files of the data dir are readable by their owner only (0600). SQLite creates a database's -wal and -shm with
/// the database file's mode, so a database created here empty keeps all three owner-only.
/// </summary>
public static class OwnerOnlyFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the file empty with mode 0600, or narrows an existing one (and its -wal, -shm) to 0600.</summary>
    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Mode,
            });
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, Mode);
        }
    }
}
