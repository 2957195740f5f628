using System.Globalization;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// A real, small file system (tmpfs) mounted on a test folder, so that a disk-full condition is the kernel's ENOSPC,
/// not a simulation. Needs root (CAP_SYS_ADMIN); unmounted on dispose.
/// </summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private const string AptPackage = "mount";

    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<TmpfsMount> CreateAsync(string path, int megabytes, CancellationToken ct)
    {
        Directory.CreateDirectory(path);
        var mounted = await ExternalTool.RunAsync("mount", AptPackage, ["-t", "tmpfs", "-o", Size(megabytes), "tmpfs", path], ct);
        if (!mounted.Succeeded)
        {
            throw new InvalidOperationException(
                $"mounting a {megabytes} MB tmpfs on {path} failed (this test needs root, CAP_SYS_ADMIN: run the tests as root): {mounted.StandardError}");
        }
        return new TmpfsMount(path);
    }

    /// <summary>Changes the size of the mounted file system (its content stays): frees or takes space.</summary>
    public async Task ResizeAsync(int megabytes, CancellationToken ct) =>
        (await ExternalTool.RunAsync("mount", AptPackage, ["-o", "remount," + Size(megabytes), Path], ct)).EnsureSuccess();

    private static string Size(int megabytes) => "size=" + megabytes.ToString(CultureInfo.InvariantCulture) + "m";

    public async ValueTask DisposeAsync() =>
        (await ExternalTool.RunAsync("umount", AptPackage, [Path], CancellationToken.None)).EnsureSuccess();
}
