namespace Airadcr.Dicom.Cli;

/// <summary>Bad command line (exit code 2).</summary>
public sealed class CliUsageException(string message) : Exception(message);
