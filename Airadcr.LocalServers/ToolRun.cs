using System.Diagnostics;

namespace Airadcr.LocalServers;

/// <summary>Runs a command-line program to its end, output captured (the benches' encoders, decoders and CLIs).</summary>
public static class ToolRun
{
    /// <summary>The program's standard output; throws with everything it printed when it exits with an error.</summary>
    public static string Output(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(executable, arguments, environment ?? new Dictionary<string, string>());
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException(
                $"{executable} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {stdout.Result}{stderr.Result}".Trim());
    }

    /// <summary>How a tool is started: no shell, output and errors captured, <paramref name="environment"/> added.</summary>
    public static ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
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

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
