using System.Diagnostics;

namespace Airadcr.Dicom.DeidBench;

/// <summary>Runs a program to its end, output captured; throws with that output when it fails.</summary>
internal static class Tool
{
    public static void Run(string executable, IEnumerable<string> arguments, (string Name, string Value)? environment = null) =>
        Output(executable, arguments, environment);

    /// <summary>The program's standard output.</summary>
    public static string Output(string executable, IEnumerable<string> arguments, (string Name, string Value)? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is var (name, value))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException(
                $"{executable} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {stdout.Result}{stderr.Result}".Trim());
    }
}
