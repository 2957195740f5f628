using Airadcr.Dicom.IO;
using Airadcr.Dicom.Validation;

namespace Airadcr.Dicom.Cli;

/// <summary>`validate FILE`: parse, then check VR/VM/lengths; exit 1 when anything is found.</summary>
internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var a = new CliArguments(args);
        a.ExpectPositional(1);
        using var file = DicomFile.Open(a.Positional(0, "FILE"));
        var issues = DicomValidator.Validate(file.Meta).Concat(DicomValidator.Validate(file.Dataset)).ToList();
        foreach (var issue in issues)
        {
            stdout.WriteLine(issue);
        }

        stdout.WriteLine(issues.Count == 0 ? "valid" : $"{issues.Count} issue(s)");
        return issues.Count == 0 ? CliApp.Ok : CliApp.InvalidInput;
    }
}
