namespace Airadcr.Dicom.DeidBench;

/// <summary>The output folders each run starts from empty, and the check that a run wrote every file.</summary>
internal static class Folders
{
    public static void Recreate(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
    }

    public static void ExpectSameCount(string input, string output, string who)
    {
        int read = Count(input), written = Count(output);
        if (read != written)
        {
            throw new InvalidOperationException($"{who} wrote {written} files for {read}");
        }
    }

    private static int Count(string directory) => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count();
}
