using SharpFuzz;

namespace Airadcr.Fuzzing;

/// <summary>
/// <c>Airadcr.Fuzzing TARGET</c>: the SharpFuzz loop AFL++ drives (one input per iteration on stdin).
/// <c>Airadcr.Fuzzing TARGET FILE...</c>: replays inputs (a crash AFL++ found, a corpus) once each, without AFL++;
/// an unexpected exception is printed and the exit code is 1.
/// </summary>
internal static class FuzzProgram
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
        {
            Console.Error.WriteLine($"usage: Airadcr.Fuzzing TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
            return 2;
        }

        if (args.Length == 1)
        {
            Fuzzer.Run(stream => target.Run(ReadAll(stream)));
            return 0;
        }

        return Replay(target, args[1..]);
    }

    private static int Replay(FuzzTarget target, string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p) : [p]).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"{target.Name}: {file}: {e}");
                return 1;
            }
        }

        return 0;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
