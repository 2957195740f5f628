using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Airadcr.Dicom.Imaging.Codecs.JpegLs.Native;

/// <summary>Finds CharLS 2 (Debian's <c>libcharls2</c>, which ships only the versioned <c>libcharls.so.2</c>) for the
/// <c>[LibraryImport("charls")]</c> declarations. The load context's <c>ResolvingUnmanagedDll</c> event is used rather
/// than <c>NativeLibrary.SetDllImportResolver</c>, which allows one resolver per assembly and would clash with the
/// other native codecs of this assembly.</summary>
internal static class CharLsLibrary
{
    public const string Name = "charls";

    private static readonly string[] Candidates = ["libcharls.so.2", "libcharls.so", "charls"];

    private static readonly Lazy<nint> Handle = new(Load);

    static CharLsLibrary()
    {
        var context = AssemblyLoadContext.GetLoadContext(typeof(CharLsLibrary).Assembly) ?? AssemblyLoadContext.Default;
        context.ResolvingUnmanagedDll += (_, name) => name == Name ? Handle.Value : 0;
    }

    /// <summary>Loads the library now, or throws <see cref="DllNotFoundException"/> saying how to install it.</summary>
    public static void EnsureLoaded() => _ = Handle.Value;

    private static nint Load()
    {
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            "CharLS 2 (libcharls.so.2), which decodes and encodes JPEG-LS, is not installed: apt-get install libcharls2 (or run eng/install-deps.sh)");
    }
}
