using System.Net;
using Vigil.Server.Security;

namespace Vigil.Server.Escalation;

/// <summary>
/// The signed links in notifications, usable without a token: <c>GET /p/{token}</c> shows what the link will do
/// and a button (so mail scanners that fetch links change nothing), <c>POST /p/{token}</c> does it, once.
/// </summary>
internal static class LinkEndpoints
{
    public static void MapPageLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/p/{token}", Confirm).AllowAnonymousAccess();
        app.MapPost("/p/{token}", Act).AllowAnonymousAccess();
    }

    private static async Task<IResult> Confirm(string token, LinkSigner signer, PageStore store, TimeProvider clock, CancellationToken ct)
    {
        if (await signer.VerifyAsync(token, ct) is not { } link || link.Action is not ("ack" or "resolve"))
        {
            return Html(404, "Unknown link", "This link is not valid (or its signing key has been rotated since it was sent).");
        }
        if (link.ExpiresAt <= clock.GetUtcNow())
        {
            return Html(410, "Link expired", "This link has expired.");
        }
        var page = await store.GetAsync(link.PageId, ct);
        var verb = link.Action == "ack" ? "Acknowledge" : "Resolve";
        var title = page is null ? $"page #{link.PageId}" : $"page #{page.Id}: {page.Title} ({PageStore.StateName(page.State)})";
        return Html(200, $"{verb} page", $"<p>{WebUtility.HtmlEncode(title)}</p><form method=\"post\"><button type=\"submit\">{verb}</button></form>", raw: true);
    }

    private static async Task<IResult> Act(string token, HttpContext context, LinkSigner signer, PageService pages, CancellationToken ct)
    {
        if (await signer.VerifyAsync(token, ct) is not { } link || link.Action is not ("ack" or "resolve"))
        {
            return Html(404, "Unknown link", "This link is not valid (or its signing key has been rotated since it was sent).");
        }
        var caller = new Caller($"link:{link.Nonce}", Scope.Write, context.Connection.RemoteIpAddress?.ToString() ?? "");
        var result = link.Action == "ack"
            ? await pages.AcknowledgeAsync(link.PageId, caller, ct, link)
            : await pages.ResolveAsync(link.PageId, caller, ct, link);
        var done = link.Action == "ack" ? "acknowledged" : "resolved";
        return result.Ok ? Html(200, $"Page {done}", $"Page #{link.PageId} is {done}.") : Html(result.Status, "Nothing done", result.Reason ?? "");
    }

    private static IResult Html(int status, string title, string body, bool raw = false) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body><h1>{WebUtility.HtmlEncode(title)}</h1>" +
        (raw ? body : $"<p>{WebUtility.HtmlEncode(body)}</p>") + "</body></html>", "text/html; charset=utf-8", statusCode: status);
}
