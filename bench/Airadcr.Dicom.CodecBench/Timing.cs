using System.Diagnostics;
using Airadcr.LocalServers;

namespace Airadcr.Dicom.CodecBench;

/// <summary>Wall-clock medians: of a whole process (start to exit, output discarded) and of an in-process action.</summary>
internal static class Timing
{
    public static double Median(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Median seconds of <paramref name="runs"/> runs of <paramref name="decoder"/> on IN -> OUT (OUT deleted
    /// before each run, untimed). Throws with the tool's output when a run fails.</summary>
    public static double Process(CliDecoder decoder, string input, string output, int runs) =>
        Median(Enumerable.Range(0, runs).Select(_ => RunOnce(decoder, input, output)));

    /// <summary>Median seconds of <paramref name="runs"/> calls of <paramref name="action"/>, after one untimed call.</summary>
    public static double InProcess(Action action, int runs)
    {
        action();
        return Median(Enumerable.Range(0, runs).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            action();
            return watch.Elapsed.TotalSeconds;
        }));
    }

    public static void RunChecked(string executable, IEnumerable<string> arguments) => ToolRun.Output(executable, arguments);

    private static double RunOnce(CliDecoder decoder, string input, string output)
    {
        File.Delete(output);
        var watch = Stopwatch.StartNew();
        ToolRun.Output(decoder.Executable!, decoder.Arguments(input, output));
        var seconds = watch.Elapsed.TotalSeconds;
        return File.Exists(output) ? seconds : throw new InvalidOperationException($"{decoder.Display(input, output)} wrote nothing");
    }
}
