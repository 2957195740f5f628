namespace Airadcr.DicomGateway.Storage;

/// <summary>
/// The gateway's one way of making files durable: closed temporary files are renamed into their final places (on the
/// same file system, so the rename is atomic), then every file and every directory that gained an entry is fsynced,
/// concurrently (concurrent fsyncs share the file system's journal commits). Used by the SCP's group commit, by the
/// signed-report upload and by the start-up recovery.
/// </summary>
internal sealed class DurableFiles
{
    private readonly HashSet<string> _toSync = new(StringComparer.Ordinal);
    private readonly List<string> _placed = [];

    /// <summary>Files renamed into place so far.</summary>
    public IReadOnlyList<string> Placed => _placed;

    /// <summary>Renames <paramref name="temporaryPath"/> to <paramref name="finalPath"/> (replacing a file there), creating its folders.</summary>
    public void Place(string temporaryPath, string finalPath)
    {
        var directory = Path.GetDirectoryName(finalPath)!;
        for (var current = directory; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            _toSync.Add(Path.GetDirectoryName(current)!);
        }
        Directory.CreateDirectory(directory);
        File.Move(temporaryPath, finalPath, overwrite: true);
        _toSync.Add(finalPath);
        _toSync.Add(directory);
        _placed.Add(finalPath);
    }

    /// <summary>
    /// A file already at its final place under <paramref name="root"/> (found there at start-up): it and every directory
    /// from its own up to <paramref name="root"/> are synced with the others.
    /// </summary>
    public void Keep(string finalPath, string root)
    {
        _toSync.Add(finalPath);
        for (var directory = Path.GetDirectoryName(finalPath); directory is not null && directory.StartsWith(root, StringComparison.Ordinal);
             directory = Path.GetDirectoryName(directory))
        {
            _toSync.Add(directory);
        }
    }

    /// <summary>fsyncs every placed file and every directory touched: after this, they survive a crash.</summary>
    public void Sync()
    {
        // On a busy thread pool the calling thread does them all.
        Parallel.ForEach(_toSync, new ParallelOptions { MaxDegreeOfParallelism = 16 }, path =>
        {
            if (Directory.Exists(path))
            {
                DiskSync.Directory(path);
            }
            else
            {
                DiskSync.File(path);
            }
        });
    }

    /// <summary>Deletes the files placed (their commit failed: nobody was told they are stored).</summary>
    public static void Discard(IEnumerable<string> placed)
    {
        foreach (var path in placed)
        {
            File.Delete(path);
        }
    }
}
