using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Incidents;

namespace Vigil.Server.Vendors;

/// <summary>
/// What a vendor receives when a ticket opens: a JSON webhook (<c>event: vendor_ticket.opened</c>, the ticket, the incident's
/// title and severity, the promises and the acknowledge link) or an email (subject, text and HTML, as JSON the email sender
/// reads). The acknowledge link needs no token: it carries a signature over the ticket id and the action.
/// </summary>
internal static class VendorMessages
{
    public static byte[] Build(Vendor vendor, VendorTicket ticket, Incident incident, string ackUrl) =>
        vendor.Channel == Vendor.Email ? Email(vendor, ticket, incident, ackUrl) : Webhook(vendor, ticket, incident, ackUrl);

    private static string Subject(VendorTicket t, Incident i) => $"[{i.Severity.Name()}] Ticket #{t.Id}: {i.Title}";

    private static string Promises(VendorTicket t) => string.Join(", ", new[]
    {
        t.ResponseWithin is { } r ? $"acknowledge within {PromDuration.Format(r)}" : null,
        t.OnSiteWithin is { } o ? $"engaged within {PromDuration.Format(o)}" : null,
    }.OfType<string>());

    private static byte[] Webhook(Vendor vendor, VendorTicket t, Incident i, string ackUrl) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["version"] = "1",
        ["event"] = "vendor_ticket.opened",
        ["vendor"] = vendor.Name,
        ["ticket"] = new JsonObject
        {
            ["id"] = t.Id,
            ["summary"] = t.Summary,
            ["openedAt"] = t.OpenedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["openedBy"] = t.OpenedBy,
            ["responseDue"] = t.ResponseDue?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["onSiteDue"] = t.OnSiteDue?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        },
        ["incident"] = new JsonObject { ["id"] = i.Id, ["title"] = i.Title, ["severity"] = i.Severity.Name() },
        ["links"] = new JsonObject { ["acknowledge"] = ackUrl },
    });

    private static byte[] Email(Vendor vendor, VendorTicket t, Incident i, string ackUrl)
    {
        var promises = Promises(t);
        var opened = t.OpenedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var text = $"{Subject(t, i)}\n\n{t.Summary}\n\nOpened by {t.OpenedBy} at {opened} UTC." +
            (promises.Length > 0 ? $" Your agreement: {promises}." : "") + $"\n\nAcknowledge: {ackUrl}\n";
        Func<string?, string?> e = WebUtility.HtmlEncode;
        var html = $"<html><body><h2>{e(Subject(t, i))}</h2><pre>{e(t.Summary)}</pre><p>Opened by {e(t.OpenedBy)} at {opened} UTC." +
            (promises.Length > 0 ? $" Your agreement: {e(promises)}." : "") + $"</p><p><a href=\"{e(ackUrl)}\">Acknowledge</a></p></body></html>";
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["subject"] = Subject(t, i), ["text"] = text, ["html"] = html, ["vendor"] = vendor.Name });
    }
}
