using Microsoft.AspNetCore.Antiforgery;
using Vigil.Server.Security;

namespace Vigil.Server.Web.Sessions;

/// <summary><c>POST /ui/logout</c> (with the form's anti-forgery token) ends the session.</summary>
internal static class UiSignOut
{
    public static void MapUiSignOut(this IEndpointRouteBuilder app) =>
        app.MapPost("/ui/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(detail: "__RequestVerificationToken: missing or invalid anti-forgery token; reload the page and try again", statusCode: 400);
            }
            await UiSessions.SignOutAsync(context);
            return Results.Redirect(UiSessions.LoginPath);
        }).AllowAnonymousAccess().DisableAntiforgery();
}
