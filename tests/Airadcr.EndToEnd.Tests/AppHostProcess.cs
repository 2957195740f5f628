using System.Diagnostics;
using Airadcr.LocalServers;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// The AppHost's built program as its own process, as `dotnet run --project Airadcr.AppHost` starts it: the Aspire
/// dashboard on free loopback ports (http, as the launch profile sets it), every graph port random unless
/// <paramref name="fixedPorts"/>; output captured.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private AppHostProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AppHostProcess Start(IEnumerable<string> arguments, bool fixedPorts = false)
    {
        var start = new ProcessStartInfo(ToolLocator.Find("dotnet", "dotnet-sdk-10.0"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltProject.Find("Airadcr.AppHost"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (!fixedPorts)
        {
            start.ArgumentList.Add("--DcpPublisher:RandomizePorts=true");
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        var process = new Process { StartInfo = start };
        var appHost = new AppHostProcess(process);
        process.OutputDataReceived += (_, line) => appHost.Append(line.Data);
        process.ErrorDataReceived += (_, line) => appHost.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return appHost;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Waits until the output holds <paramref name="text"/> (or the AppHost exits); false when it did not.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || waiting.Elapsed > timeout)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }
            await Task.Delay(200, cancellationToken);
        }
        return true;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM to the AppHost alone (what a service manager or `kill` sends).</summary>
    public void Terminate()
    {
        using var kill = Process.Start(ToolLocator.Find("kill", "procps"), ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL to the AppHost alone: no chance to stop anything itself.</summary>
    public void KillAppHostOnly() => _process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
