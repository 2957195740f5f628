using System.Diagnostics;

namespace Airadcr.Testing;

/// <summary>Runs an installed command-line program to completion and captures what it printed.</summary>
public static class ExternalTool
{
    /// <summary>
    /// Runs <paramref name="tool"/> (found on PATH, else a <see cref="MissingToolException"/> naming
    /// <paramref name="aptPackage"/>) with <c>TCP_NODELAY=1</c> in its environment.
    /// </summary>
    public static Task<ToolResult> RunAsync(string tool, string aptPackage, IEnumerable<string> arguments,
        CancellationToken cancellationToken) =>
        RunExecutableAsync(ToolLocator.Find(tool, aptPackage), arguments, cancellationToken);

    /// <summary>Runs the program at <paramref name="executable"/> (a path) like <see cref="RunAsync"/>.</summary>
    public static async Task<ToolResult> RunExecutableAsync(string executable, IEnumerable<string> arguments,
        CancellationToken cancellationToken)
    {
        var tool = Path.GetFileName(executable);
        var start = ToolRun.StartInfo(executable, arguments, new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ToolResult(tool, process.ExitCode, await stdout, await stderr);
    }
}
