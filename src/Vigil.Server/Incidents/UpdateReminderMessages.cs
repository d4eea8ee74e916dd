using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Server.Escalation;
using Vigil.Server.Storage;

namespace Vigil.Server.Incidents;

/// <summary>
/// The reminder to post an update, one outbox message per contact method of the commander, in the page channels'
/// shapes (generic JSON webhook, Slack incoming webhook, email), each keyed so it is queued at most once per reminder.
/// </summary>
internal static class UpdateReminderMessages
{
    public const string Event = "incident_update_due";

    public static IReadOnlyList<OutboxMessage> Build(Incident incident, string person, IReadOnlyList<Contact> contacts, string text, string url, DateTimeOffset now)
    {
        var headline = $"[UPDATE DUE] {incident.Severity.Name()} incident #{incident.Id}: {incident.Title}";
        var messages = new List<OutboxMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contact in contacts)
        {
            var key = $"incident:{incident.Id}:update-due:{now.ToUnixTimeMilliseconds()}:{person}:{contact.Channel}";
            for (var i = 2; !seen.Add(key); i++)
            {
                key = $"incident:{incident.Id}:update-due:{now.ToUnixTimeMilliseconds()}:{person}:{contact.Channel}{i}";
            }
            var payload = contact.Channel switch
            {
                "email" => Email(headline, text, url),
                "slack" => JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["text"] = $"*{headline}*\n{text}\n{url}" }),
                _ => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
                {
                    ["version"] = "1",
                    ["event"] = Event,
                    ["person"] = person,
                    ["text"] = text,
                    ["incident"] = new JsonObject
                    {
                        ["id"] = incident.Id,
                        ["title"] = incident.Title,
                        ["severity"] = incident.Severity.Name(),
                        ["status"] = incident.Status.Name(),
                        ["url"] = url,
                    },
                }),
            };
            var target = contact.Channel == "email" ? "mailto:" + contact.Address : contact.Address;
            messages.Add(new OutboxMessage("incidents", 0, target, $"incident:{incident.Id}", payload, now, key, contact.Channel));
        }
        return messages;
    }

    private static byte[] Email(string headline, string text, string url)
    {
        Func<string?, string?> e = WebUtility.HtmlEncode;
        var html = $"<html><body><h2>{e(headline)}</h2><p>{e(text)}</p><p><a href=\"{e(url)}\">{e(url)}</a></p></body></html>";
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["subject"] = headline, ["text"] = $"{headline}\n\n{text}\n\n{url}\n", ["html"] = html });
    }
}
