using System.Net;
using Vigil.Server.Incidents;
using Vigil.Server.Security;

namespace Vigil.Server.Vendors;

/// <summary>
/// The link sent to a vendor, usable without a token: <c>GET /vendor/tickets/{id}/ack?sig=…</c> shows the ticket and a
/// confirm button (so mail scanners that fetch links change nothing), <c>POST</c> acknowledges it. A wrong signature is a
/// 403 and changes nothing.
/// </summary>
internal static class VendorLinkEndpoints
{
    public static void MapVendorLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/vendor/tickets/{id}/ack", ConfirmAsync).AllowAnonymousAccess();
        app.MapPost("/vendor/tickets/{id}/ack", AckAsync).AllowAnonymousAccess();
    }

    private static async Task<IResult> ConfirmAsync(string id, string? sig, VendorLinkSigner signer, VendorTicketStore store, CancellationToken ct)
    {
        if (!long.TryParse(id, out var n) || !await signer.VerifyAsync(n, "ack", sig, ct))
        {
            return Forbidden();
        }
        if (await store.GetAsync(n, ct) is not { } t)
        {
            return Html(404, "Unknown ticket", $"There is no ticket #{n}.");
        }
        var state = VendorRules.Name(t.State);
        var body = $"<p>Ticket #{t.Id} for {WebUtility.HtmlEncode(t.Vendor)}: {WebUtility.HtmlEncode(t.Summary)}</p><p>State: {state}</p>" +
            (t.State == TicketState.Opened ? "<form method=\"post\"><button type=\"submit\">Acknowledge</button></form>" : "<p>Already acknowledged.</p>");
        return Html(200, "Acknowledge ticket", body, raw: true);
    }

    private static async Task<IResult> AckAsync(string id, string? sig, VendorLinkSigner signer, VendorTicketStore store, VendorTicketService tickets, CancellationToken ct)
    {
        if (!long.TryParse(id, out var n) || !await signer.VerifyAsync(n, "ack", sig, ct))
        {
            return Forbidden();
        }
        if (await store.GetAsync(n, ct) is not { } t)
        {
            return Html(404, "Unknown ticket", $"There is no ticket #{n}.");
        }
        if (t.State != TicketState.Opened)
        {
            return Html(200, "Already acknowledged", $"Ticket #{n} is {VendorRules.Name(t.State)}; nothing changed.");
        }
        try
        {
            await tickets.MoveAsync(n, TicketState.Acknowledged, $"{t.Vendor} (link)", ct);
            return Html(200, "Ticket acknowledged", $"Ticket #{n} is acknowledged. Thank you.");
        }
        catch (IncidentException e)
        {
            return Html(e.Status, "Nothing done", e.Message);
        }
    }

    private static IResult Forbidden() => Html(403, "Invalid link", "This link is not valid (or its signing key has been rotated since it was sent).");

    private static IResult Html(int status, string title, string body, bool raw = false) => Results.Content(
        "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)}</title></head><body><h1>{WebUtility.HtmlEncode(title)}</h1>" +
        (raw ? body : $"<p>{WebUtility.HtmlEncode(body)}</p>") + "</body></html>", "text/html; charset=utf-8", statusCode: status);
}
