using System.Net;
using System.Text.RegularExpressions;
using Airadcr.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.Web.Tests.InProcess;

/// <summary>
/// Issue 20, item 7: the sign-in form must not tell which user names exist, neither by its message (a locked account
/// was named as such) nor by its cost (no password was hashed for an unknown name).
/// </summary>
public sealed partial class SignInEnumerationTests : IAsyncDisposable
{
    private readonly WebFactory web = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_name_a_wrong_password_and_a_locked_account_get_the_same_message()
    {
        await CreateUserAsync("known-user", "Known-Passw0rd-123!");
        var client = web.CreateClient();

        var unknown = await SignInErrorAsync(client, "nobody-by-this-name", "Wrong-Password-123!");
        var wrongPassword = await SignInErrorAsync(client, "known-user", "Wrong-Password-123!");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInErrorAsync(client, "known-user", "Wrong-Password-123!");
        }
        var locked = await SignInErrorAsync(client, "known-user", "Known-Passw0rd-123!");

        Assert.True(await IsLockedOutAsync("known-user"), "five failures lock the account");
        Assert.NotEmpty(unknown);
        Assert.Equal(unknown, wrongPassword);
        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task A_password_is_hashed_for_an_unknown_name_as_for_an_account()
    {
        var client = web.CreateClient();
        await SignInErrorAsync(client, "admin", "Wrong-Password-123!");
        var forAccount = web.Hasher.Verifications;

        await SignInErrorAsync(client, "nobody-by-this-name", "Wrong-Password-123!");

        Assert.Equal(1, forAccount);
        Assert.Equal(2, web.Hasher.Verifications);
    }

    /// <summary>Posts the sign-in form (with its antiforgery token) and returns the error it shows.</summary>
    private static async Task<string> SignInErrorAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/account/login", Token);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Token);
        return WebUtility.HtmlDecode(LoginError().Match(page).Groups[1].Value);
    }

    private async Task CreateUserAsync(string userName, string password)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WebUser>>();
        var created = await users.CreateAsync(new WebUser { UserName = userName, DisplayName = userName, LockoutEnabled = true }, password);
        Assert.True(created.Succeeded);
    }

    private async Task<bool> IsLockedOutAsync(string userName)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WebUser>>();
        return await users.IsLockedOutAsync((await users.FindByNameAsync(userName))!);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)<")]
    private static partial Regex LoginError();

    public ValueTask DisposeAsync() => web.DisposeAsync();
}
