using Airadcr.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Airadcr.Web.Identity;

/// <summary>
/// Password sign-in that does not tell which user names exist: an unknown name, and a locked account (whose
/// password Identity does not check), cost one password verification against a stand-in hash, as an account's wrong
/// password does; the page shows one message for every failure.
/// </summary>
public sealed class AccountSignIn(SignInManager<WebUser> signIn, UserManager<WebUser> users, IPasswordHasher<WebUser> hasher)
{
    private static readonly WebUser Nobody = new() { UserName = "(nobody)" };

    /// <summary>A hash in the hasher's current format (same iterations as the accounts'), of a password nobody knows.</summary>
    private static readonly Lazy<string> StandInHash = new(() =>
        new PasswordHasher<WebUser>().HashPassword(Nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    public async Task<SignInResult> PasswordSignInAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is not null && !await users.IsLockedOutAsync(user))
        {
            return await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        }

        hasher.VerifyHashedPassword(Nobody, StandInHash.Value, password);
        return user is null ? SignInResult.Failed : SignInResult.LockedOut;
    }
}
