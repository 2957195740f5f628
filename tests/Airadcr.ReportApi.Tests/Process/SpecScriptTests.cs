using System.Diagnostics;
using System.Text.RegularExpressions;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Process;

/// <summary>
/// The spec's own Python client (section 5) and bash test script (section 10), extracted from the spec at test
/// time and run unmodified against the real server, except for the API key and base URL a user fills in.
/// </summary>
public sealed partial class SpecScriptTests : IAsyncLifetime
{
    private const string SystemPython = "/usr/bin/python3";
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("airadcr-spec-").FullName;
    private ReportApiProcess? api;

    private ReportApiProcess Api => api!;

    public async ValueTask InitializeAsync() => api = await ReportApiProcess.StartAsync(dataDirectory, FreePort.Next());

    [Fact]
    public async Task The_spec_python_client_stores_then_opens_a_report()
    {
        var script = SpecDocument.CodeBlock("python", "class AiradcrDesktopClient")
            .Replace("VOTRE_CLE_API", TestKeys.Api, StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8741", Api.BaseUrl(), StringComparison.Ordinal);

        var (exitCode, output) = await RunAsync(RequirePython(), ["-"], script);

        Assert.True(exitCode == 0, $"exit {exitCode}:\n{output}\nServer log:\n{Api.LogTail()}");
        Assert.Matches(@"✅ Rapport stocké: https://airadcr\.com/app\?tori=true&tid=TEO_\d{8}_\d{6}", output);
        Assert.Matches(@"✅ AIRADCR ouvert: https://airadcr\.com/app\?tori=true&tid=TEO_\d{8}_\d{6}", output);
    }

    [Fact]
    public async Task The_spec_bash_script_runs_every_step_successfully()
    {
        var script = SpecDocument.CodeBlock("bash", "=== 1. Health Check ===")
            .Replace("VOTRE_CLE_API", TestKeys.Api, StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8741", Api.BaseUrl(), StringComparison.Ordinal);
        RequirePython();

        var (exitCode, output) = await RunAsync(ToolLocator.Find("bash", "bash"), ["-s"], script);

        Assert.True(exitCode == 0, output);
        var steps = StepOutputs(output);
        Assert.Contains("\"status\": \"ok\"", steps["1. Health Check"], StringComparison.Ordinal);
        Assert.Contains("\"retrieval_url\": \"https://airadcr.com/app?tori=true&tid=TEST_001\"", steps["2. Store Report"], StringComparison.Ordinal);
        Assert.Contains("\"technical_id\": \"TEST_001\"", steps["3. Find Report"], StringComparison.Ordinal);
        Assert.Contains("\"navigated_to\": \"https://airadcr.com/app?tori=true&tid=TEST_001\"", steps["4. Open Report"], StringComparison.Ordinal);
        Assert.Contains("\"status\": \"retrieved\"", steps["5. Get Report"], StringComparison.Ordinal);
        Assert.Contains("\"deleted\": true", steps["6. Delete Report"], StringComparison.Ordinal);
        Assert.DoesNotContain("Expecting value", output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> StepOutputs(string output) =>
        StepHeader().Split(output).Skip(1).Chunk(2).ToDictionary(pair => pair[0].Trim(), pair => pair.Length > 1 ? pair[1] : "");

    private static string RequirePython()
    {
        var (exitCode, output) = RunAsync(SystemPython, ["-c", "import requests"], "").GetAwaiter().GetResult();
        Assert.True(exitCode == 0,
            "python3-requests not found: run `sudo eng/install-deps.sh` (apt-get install -y --no-install-recommends python3-requests)\n" + output);
        return SystemPython;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, string stdin)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The bash script pipes into `python3 -m json.tool`: make that the system Python.
        start.Environment["PATH"] = "/usr/bin:/bin:" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("^=== (.*?) ===$", RegexOptions.Multiline)]
    private static partial Regex StepHeader();

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }
}
