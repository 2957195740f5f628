using Airadcr.Web.Audit;
using Airadcr.Web.Data;
using Airadcr.Web.Worklist;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Airadcr.Web.Apis;

/// <summary>Sign-out (POST, antiforgery), language switch, and the airadcr:// link entry point.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", SignOut).RequireAuthorization();
        app.MapGet("/culture/{culture}", SetCulture);
        app.MapGet("/link", FollowLink).RequireAuthorization();
        return app;
    }

    private static async Task<RedirectHttpResult> SignOut(
        HttpContext context, SignInManager<WebUser> signIn, AuditLog audit, [FromForm] string? reason)
    {
        var user = context.User.Identity?.Name ?? "?";
        await signIn.SignOutAsync();
        await audit.RecordAsync(user, AuditActions.SignOut, null, reason == "idle" ? "idle" : null, context.RequestAborted);
        return TypedResults.Redirect(reason == "idle" ? "/account/login?idle=1" : "/account/login");
    }

    private static RedirectHttpResult SetCulture(HttpContext context, string culture, string? returnUrl)
    {
        if (culture is "fr" or "en")
        {
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365) });
        }
        return TypedResults.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
    }

    /// <summary>GET /link?uri=airadcr://open?tid=X (or airadcr://open/X, airadcr://X) -> /open/X.</summary>
    private static Results<RedirectHttpResult, BadRequest<string>> FollowLink(string? uri) =>
        ReportLink.Parse(uri) is { } tid
            ? TypedResults.LocalRedirect(ReportLink.RouteFor(tid))
            : TypedResults.BadRequest("not an airadcr:// report link");
}
