using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

[Collection(WebStackCollection.Name)]
public sealed class SignInTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task The_first_admin_from_the_environment_signs_in_and_reaches_the_worklist()
    {
        var page = await browser.AdminPageAsync(stack);

        Assert.Equal(WebStack.AdminUser, await page.TextContentAsync("[data-testid=user]"));
        Assert.EndsWith("/", page.Url);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        var page = await browser.NewPageAsync(stack.WebUrl);
        await page.GotoAsync("/admin/api-keys");
        await page.WaitForURLAsync("**/account/login**");
        Assert.Contains("returnurl=", page.Url, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password_and_are_audited()
    {
        var admin = await browser.AdminPageAsync(stack);
        await CreateUserAsync(admin, "lockme", WebStack.UserPassword, "radiologist");

        var page = await browser.NewPageAsync(stack.WebUrl);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInAsync(page, "lockme", "Wrong-Password-123!");
            await page.WaitForSelectorAsync("[data-testid=login-error]");
        }
        await SignInAsync(page, "lockme", WebStack.UserPassword);

        // The page says the same for every failure (InProcess/SignInEnumerationTests); the audit says it was the lockout.
        Assert.Equal(Airadcr.Web.Components.Account.Login.FailureMessage, await page.TextContentAsync("[data-testid=login-error]"));
        Assert.Contains("/account/login", page.Url);

        await GoToAsync(admin, "/admin/audit");
        await admin.WaitForSelectorAsync("table.audit td.audit-action");
        var audit = await admin.TextContentAsync("table.audit") ?? "";
        Assert.Contains("sign-in-failed", audit);
        Assert.Contains("locked out", audit);
    }

    [Fact]
    public async Task Sign_in_cookie_is_http_only_and_strict_and_the_form_carries_an_antiforgery_token()
    {
        var page = await browser.NewPageAsync(stack.WebUrl);
        await page.GotoAsync("/account/login");
        Assert.Equal(1, await page.Locator("form input[name=__RequestVerificationToken]").CountAsync());

        await SignInToWorklistAsync(page, WebStack.AdminUser, WebStack.AdminPassword);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "airadcr.web");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.True(cookie.Expires < 0, "a session cookie (not persistent)");
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.WebUrl) };
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = WebStack.AdminUser,
            ["Input.Password"] = WebStack.AdminPassword,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("airadcr.web", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_idle_session_is_signed_out_through_the_antiforgery_protected_form_and_audited()
    {
        var page = await browser.AdminPageAsync(stack);
        // The configured idle time is 15 minutes; the page's timer reads it from the sign-out form.
        await page.EvaluateAsync("() => document.getElementById('logout-form').dataset.idleSeconds = '1'");

        await page.WaitForURLAsync("**/account/login?idle=1", new PageWaitForURLOptions { Timeout = 10_000 });
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/login**");

        var admin = await browser.AdminPageAsync(stack);
        await GoToAsync(admin, "/admin/audit");
        await Assertions.Expect(admin.Locator("table.audit tr", new PageLocatorOptions { HasText = "sign-out" }).First).ToContainTextAsync("idle");
    }
}
