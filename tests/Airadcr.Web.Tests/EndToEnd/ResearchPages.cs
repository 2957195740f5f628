using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>What an admin does on the research pages, in the browser.</summary>
public static partial class ResearchPages
{
    /// <summary>
    /// Creates a project on /admin/research/new from one study of the gateway, with the given members (user names),
    /// runs it and waits until its study is de-identified; returns the project's id.
    /// </summary>
    public static async Task<string> CreateAndRunProjectAsync(IPage admin, string name, string studyInstanceUid, params string[] members)
    {
        await GoToAsync(admin, "/admin/research/new");
        await admin.FillAsync("#project-name", name);
        await admin.Locator($"tr[data-study='{studyInstanceUid}'] input[type=checkbox]").CheckAsync();
        foreach (var member in members)
        {
            await admin.Locator($"li[data-member='{member}'] input[type=checkbox]").CheckAsync();
        }
        await admin.ClickAsync("#create-project");
        await admin.WaitForURLAsync(ProjectPage());
        var id = ProjectPage().Match(admin.Url).Groups[1].Value;
        await WaitForCircuitAsync(admin);
        await admin.ClickAsync("#run-project");
        await Assertions.Expect(admin.Locator("[data-testid=research-progress]"))
            .ToHaveAttributeAsync("data-done", "1", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
        return id;
    }

    [GeneratedRegex("/admin/research/(?!new$)([0-9A-Za-z_-]+)$")]
    private static partial Regex ProjectPage();
}
