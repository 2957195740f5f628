using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.Viewer;

/// <summary>
/// The Content-Security-Policy of the <c>/viewer</c> responses. What OHIF 3.13 needs beyond the dashboard's policy:
/// its two inline scripts of index.html (allowed by their SHA-256, read from the installed file), WebAssembly
/// compilation for its image codecs (<c>'wasm-unsafe-eval'</c>), workers (<c>'self' blob:</c>), <c>blob:</c> and
/// <c>data:</c> images and fetches. Its codecs (JPEG 2000, JPEG-LS... built with Emscripten's embind) also build
/// functions from strings (<c>new Function</c>) in the image-decoding worker: a worker takes its policy from its own
/// script's response, so <c>'unsafe-eval'</c> is given to the viewer's scripts only (<see cref="ForScript"/>), never
/// to its page (<see cref="ForPage"/>), where a script cannot evaluate strings.
/// </summary>
public sealed partial class ViewerContentSecurityPolicy(IOptions<ViewerOptions> options)
{
    private const string Directives =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self' data: blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'self'";

    private Computed? current;

    /// <summary>The policy of the viewer's pages (index.html and OHIF's routes).</summary>
    public string ForPage => Current().Page;

    /// <summary>The policy of the viewer's scripts, which applies when one runs as a worker.</summary>
    public string ForScript => Current().Script;

    /// <summary>The policies for the installed index.html (read again when the file changes).</summary>
    private Computed Current()
    {
        var index = Path.Combine(options.Value.ResolvePath(), "index.html");
        var written = File.Exists(index) ? File.GetLastWriteTimeUtc(index) : DateTime.MinValue;
        if (current is { } known && known.Written == written)
        {
            return known;
        }

        var hashes = written == DateTime.MinValue ? "" : InlineScriptHashes(File.ReadAllText(index));
        var computed = new Computed(written,
            $"script-src 'self' 'wasm-unsafe-eval'{hashes}; {Directives}",
            $"script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; {Directives}");
        current = computed;
        return computed;
    }

    /// <summary>" 'sha256-...'" for each inline script of the page.</summary>
    internal static string InlineScriptHashes(string html) => string.Concat(
        InlineScript().Matches(html).Select(match =>
            $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups[1].Value)))}'"));

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    private sealed record Computed(DateTime Written, string Page, string Script);
}
