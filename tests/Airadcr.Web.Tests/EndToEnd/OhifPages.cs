using Microsoft.Playwright;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>What the viewer tests do around OHIF: store a study in the stack's Orthanc, dismiss OHIF's dialogs.</summary>
internal static class OhifPages
{
    /// <summary>Stores Part 10 files in the stack's Orthanc with its REST API.</summary>
    public static async Task StoreInOrthancAsync(WebStack stack, IEnumerable<string> files, CancellationToken ct)
    {
        foreach (var file in files)
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file, ct));
            using var stored = await stack.Orthanc.Client.PostAsync("instances", content, ct);
            stored.EnsureSuccessStatusCode();
        }
    }

    /// <summary>OHIF's first-visit tour covers the page: skip it.</summary>
    public static Task SkipTourAsync(IPage page) =>
        ClickIfShownAsync(page.Locator(".shepherd-footer button", new PageLocatorOptions { HasText = "Skip all" }));

    /// <summary>Clicks <paramref name="button"/> if OHIF shows it within 10 s (its prompts depend on what it loaded).</summary>
    public static async Task ClickIfShownAsync(ILocator button)
    {
        try
        {
            await button.First.ClickAsync(new LocatorClickOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // not shown this time
        }
    }

    /// <summary>
    /// Counts, in each window (x, y, width, height in the screenshot's pixels) of a PNG screenshot decoded by the
    /// browser, the pixels whose colour matches <paramref name="colourJs"/>, a JavaScript <c>(r, g, b) =&gt; bool</c>.
    /// Cornerstone draws annotations and contours as SVG over the image canvas: a screenshot sees them as drawn.
    /// </summary>
    public static Task<int[]> CountPixelsAsync(IPage page, byte[] png, IEnumerable<double[]> windows, string colourJs) =>
        page.EvaluateAsync<int[]>($$"""
            async ([png, windows]) => {
              const colour = {{colourJs}};
              const image = new Image();
              image.src = 'data:image/png;base64,' + png;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width; canvas.height = image.height;
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              return windows.map(([x, y, w, h]) => {
                const x0 = Math.max(0, Math.floor(x)), y0 = Math.max(0, Math.floor(y));
                const width = Math.min(canvas.width - x0, Math.ceil(w)), height = Math.min(canvas.height - y0, Math.ceil(h));
                if (width <= 0 || height <= 0) return 0;
                const data = context.getImageData(x0, y0, width, height).data;
                let count = 0;
                for (let i = 0; i < data.length; i += 4) {
                  if (colour(data[i], data[i + 1], data[i + 2])) count++;
                }
                return count;
              });
            }
            """, new object[] { Convert.ToBase64String(png), windows.ToArray() });

    /// <summary>The whole of a screenshot, as a window for <see cref="CountPixelsAsync"/>.</summary>
    public static readonly double[] Everywhere = [0, 0, double.MaxValue, double.MaxValue];
}
