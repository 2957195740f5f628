using System.Text;
using Airadcr.Dicom.Deidentification;

namespace Airadcr.Dicom.Cli;

/// <summary>
/// `deidentify IN OUT --profile PROFILE (--secret-file FILE | --secret-env VAR) [--pixel-rules FILE.json]`: PS3.15
/// Annex E's basic profile and options on a file, or on a directory's files (recursively, the tree mirrored under
/// OUT). Each output is written whole or not at all; a file that fails is reported on stderr (its path and why, no
/// value of the data set) and the others go on; the exit code is 1 when any failed. The secret never appears on the
/// command line: it is read from a file or an environment variable (at least 16 bytes).
/// </summary>
internal static class DeidentifyCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new CliArguments(args, "--profile", "--secret-file", "--secret-env", "--pixel-rules");
        a.ExpectPositional(2);
        DeidentificationOptions options;
        try
        {
            options = DeidentificationOptions.Parse(a.RequiredOption("--profile"));
            if (a.Option("--pixel-rules") is { } rules)
            {
                options = options with { CleanPixelRules = CleanPixelRules.FromJson(File.ReadAllText(rules)) };
            }
        }
        catch (FormatException ex)
        {
            throw new CliUsageException(ex.Message);
        }

        var deidentifier = new DicomDeidentifier(options, Secret(a));
        var input = Path.GetFullPath(a.Positional(0, "IN"));
        var output = Path.GetFullPath(a.Positional(1, "OUT"));
        if (!Directory.Exists(input))
        {
            deidentifier.DeidentifyFile(input, output);
            return CliApp.Ok;
        }

        int done = 0, failed = 0;
        foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(output, Path.GetRelativePath(input, file));
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                deidentifier.DeidentifyFile(file, target);
                done++;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException) // one bad file must not stop the others
            {
                stderr.WriteLine($"airadcr-dicom: {Path.GetRelativePath(input, file)}: {ex.Message}");
                failed++;
            }
        }

        stdout.WriteLine($"{done} de-identified, {failed} failed");
        return failed == 0 ? CliApp.Ok : CliApp.InvalidInput;
    }

    private static byte[] Secret(CliArguments a)
    {
        var file = a.Option("--secret-file");
        var variable = a.Option("--secret-env");
        if ((file is null) == (variable is null))
        {
            throw new CliUsageException("give the project secret with exactly one of --secret-file FILE or --secret-env VAR");
        }

        var secret = file is not null
            ? File.ReadAllBytes(file)
            : Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(variable!)
                                     ?? throw new CliUsageException($"environment variable {variable} is not set"));
        return secret.Length >= 16
            ? secret
            : throw new CliUsageException("the project secret must be at least 16 bytes");
    }
}
