using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Vigil.Server.Web.Sessions;

/// <summary>The UI's cookie session: an HttpOnly, SameSite=Strict cookie protected by ASP.NET Core data
/// protection (keys kept in the data folder), holding who signed in and how. The claims are re-checked against
/// the database on every request by <see cref="UiSessionValidator"/>, so a revoked token or removed user ends
/// the session at once.</summary>
public static class UiSessions
{
    public const string Scheme = "vigil-ui";
    public const string CookieName = "vigil_session";
    public const string LoginPath = "/ui/login";
    internal const string ViaClaim = "vigil:via";
    internal const string TokenHashClaim = "vigil:token";
    internal const string StampClaim = "vigil:stamp";

    /// <summary>Signs in: <paramref name="tokenHash"/> for a token session, <paramref name="stamp"/> (from the password
    /// hash, <see cref="Users.UiAccounts.Stamp"/>) for a password session, so a new password ends older sessions.</summary>
    public static async Task SignInAsync(HttpContext context, UiUser user, string? tokenHash, string? stamp = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, UiRoles.Name(user.Role)),
            new(ViaClaim, user.Via),
        };
        if (tokenHash is not null)
        {
            claims.Add(new Claim(TokenHashClaim, tokenHash));
        }
        if (stamp is not null)
        {
            claims.Add(new Claim(StampClaim, stamp));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
        await context.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = false });
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    internal static void Configure(CookieAuthenticationOptions options, TimeProvider clock)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.Path = "/";
        options.ExpireTimeSpan = TimeSpan.FromHours(12);
        options.SlidingExpiration = true;
        options.LoginPath = LoginPath;
        options.TimeProvider = clock;
        // The UI middleware decides what an unauthenticated request gets; the handler must never redirect an API call.
        options.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        options.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
    }
}
