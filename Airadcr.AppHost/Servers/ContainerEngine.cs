using System.Diagnostics;

namespace Airadcr.AppHost.Servers;

/// <summary>Whether a container engine (Docker or Podman) answers here: <c>docker info</c> within 5 s.</summary>
internal static class ContainerEngine
{
    public static bool Answers()
    {
        foreach (var engine in new[] { "docker", "podman" })
        {
            try
            {
                using var info = Process.Start(new ProcessStartInfo(engine, ["info", "--format", "{{.ServerVersion}}"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (info is null)
                {
                    continue;
                }
                if (!info.WaitForExit(5000))
                {
                    info.Kill();
                    continue;
                }
                if (info.ExitCode == 0)
                {
                    return true;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed
            }
        }
        return false;
    }
}
