namespace Airadcr.Testing;

/// <summary>What a command-line tool printed and returned.</summary>
public sealed record ToolResult(string Tool, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the tool's output unless it exited with 0.</summary>
    public ToolResult EnsureSuccess() => Succeeded
        ? this
        : throw new InvalidOperationException($"{Tool} exited with {ExitCode}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
}
