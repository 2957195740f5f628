namespace Airadcr.LocalServers;

/// <summary>A program a test needs is not installed. The message carries the command that installs it.</summary>
public sealed class MissingToolException(string tool, string aptPackage)
    : Exception($"'{tool}' not found. Install it with: sudo ./eng/install-deps.sh " +
                $"(or: sudo apt-get install -y --no-install-recommends {aptPackage})")
{
    public string Tool { get; } = tool;
    public string AptPackage { get; } = aptPackage;
}
