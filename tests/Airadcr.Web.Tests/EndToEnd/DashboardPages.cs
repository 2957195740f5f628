using Microsoft.Playwright;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>What a user does on the dashboard, in the browser (sign in, create an account, filter the worklist).</summary>
public static class DashboardPages
{
    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }

    /// <summary>Signs in and waits for the interactive worklist.</summary>
    public static async Task SignInToWorklistAsync(IPage page, string user, string password)
    {
        await SignInAsync(page, user, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
    }

    /// <summary>Waits until the page is interactive: the layout renders #interactive only once the circuit is up.</summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await page.WaitForSelectorAsync("#interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>Navigates and waits for the circuit (inputs filled before it would be reset by the first interactive render).</summary>
    public static async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>An admin creates an account with one role on /admin/users.</summary>
    public static async Task CreateUserAsync(IPage adminPage, string user, string password, string role)
    {
        await GoToAsync(adminPage, "/admin/users");
        await adminPage.FillAsync("#new-user", user);
        await adminPage.FillAsync("#new-password", password);
        await adminPage.SelectOptionAsync("#new-role", role);
        await adminPage.ClickAsync("#create-user");
        await adminPage.WaitForSelectorAsync($"tr[data-user='{user}']");
    }

    /// <summary>
    /// Clicks "Sign" and waits for the status to read signed. The first signature of a Web process loads the SR and
    /// PDF writers (seconds on a loaded machine): it gets 30 s instead of the default 5 s.
    /// </summary>
    public static async Task SignAsync(IPage page)
    {
        await page.ClickAsync("#sign");
        await Assertions.Expect(page.Locator("[data-testid=report-status]"))
            .ToHaveTextAsync("signed", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
    }

    /// <summary>
    /// The editor's key images loaded and are not black: each is drawn on a canvas and its brightest pixel read
    /// (same origin, so readable). Returns the number of key images.
    /// </summary>
    public static async Task<int> AssertKeyImagesShowTheImagesAsync(IPage page)
    {
        // The findings panel renders once the report is loaded (after the circuit is up).
        await page.WaitForSelectorAsync("[data-testid=findings], [data-testid=no-findings]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-testid=key-image] img')].every(i => i.complete)",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        var brightest = await page.EvaluateAsync<int[]>("""
            () => [...document.querySelectorAll('[data-testid=key-image] img')].map(i => {
                if (!i.naturalWidth) return -1;
                const c = document.createElement('canvas');
                c.width = i.naturalWidth; c.height = i.naturalHeight;
                const g = c.getContext('2d'); g.drawImage(i, 0, 0);
                const d = g.getImageData(0, 0, c.width, c.height).data;
                let max = 0; for (let k = 0; k < d.length; k += 4) max = Math.max(max, d[k], d[k + 1], d[k + 2]);
                return max; })
            """);
        Assert.All(brightest, value => Assert.True(value > 0,
            value < 0 ? "a key image did not load (the gateway's thumbnail answered no image)" : "a key image is entirely black"));
        return brightest.Length;
    }

    public static ILocator Rows(IPage page) => page.Locator("tr.worklist-row");

    public static async Task FilterTextAsync(IPage page, string text)
    {
        await page.FillAsync("#text-filter", text);
        await page.Keyboard.PressAsync("Tab");
    }
}
