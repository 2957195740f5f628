using Microsoft.Playwright;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Headless Debian Chromium driven by Playwright (.NET). Never `playwright install` (downloads fail here): the
/// browser is the distribution's <c>/usr/bin/chromium</c>.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly List<IBrowserContext> contexts = [];
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                "chromium not found: run `sudo eng/install-deps.sh` (apt-get install -y --no-install-recommends chromium)");
        }
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--enable-unsafe-swiftshader",
            ],
        });
    }

    /// <summary>A fresh browser context (own cookies) with clipboard access, in English.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(15_000);
        lock (contexts)
        {
            contexts.Add(context);
        }
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page of the stack's Web, signed in as the first admin, on the interactive worklist.</summary>
    public async Task<IPage> AdminPageAsync(WebStack stack)
    {
        var page = await NewPageAsync(stack.WebUrl);
        await DashboardPages.SignInToWorklistAsync(page, WebStack.AdminUser, WebStack.AdminPassword);
        return page;
    }

    /// <summary>Seeds a report in the stack's ReportApi and opens it in the editor, signed in as the admin (also a radiologist).</summary>
    public async Task<IPage> OpenSeededReportAsync(WebStack stack, SeededReport report)
    {
        await stack.SeedReportAsync(report, TestContext.Current.CancellationToken);
        var page = await AdminPageAsync(stack);
        await DashboardPages.GoToAsync(page, "/open/" + report.TechnicalId);
        return page;
    }

    /// <summary>Closes every page opened so far: a finished test leaves no dashboard open (each would follow RIS navigations).</summary>
    public async ValueTask CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (contexts)
        {
            open = [.. contexts];
            contexts.Clear();
        }
        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
    }
}
