using System.Diagnostics;

namespace Airadcr.Testing;

/// <summary>Runs an installed command-line program to completion and captures what it printed.</summary>
public static class ExternalTool
{
    /// <summary>
    /// Runs <paramref name="tool"/> (found on PATH, else a <see cref="MissingToolException"/> naming
    /// <paramref name="aptPackage"/>) with <c>TCP_NODELAY=1</c> in its environment.
    /// </summary>
    public static async Task<ToolResult> RunAsync(string tool, string aptPackage, IEnumerable<string> arguments,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ToolLocator.Find(tool, aptPackage))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["TCP_NODELAY"] = "1";
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
