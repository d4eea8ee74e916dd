using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Server.Escalation;

/// <summary>
/// The bodies of page notifications, one per channel: a generic JSON webhook, Slack's incoming-webhook JSON (blocks
/// with acknowledge/resolve buttons as links) and an email (subject, text and HTML, as JSON the email sender reads).
/// </summary>
internal static class PageMessages
{
    public static byte[] Build(string channel, PageNotice notice) => channel switch
    {
        "email" => Email(notice),
        "slack" => Slack(notice),
        _ => Webhook(notice),
    };

    private static string Headline(PageNotice n) => n.Event == "resolved"
        ? $"[RESOLVED] Page #{n.Page.Id}: {n.Page.Title}"
        : $"[{(n.Event == "reack_timeout" ? "STILL OPEN" : "PAGE")}] Page #{n.Page.Id}: {n.Page.Title}";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>
    /// Written straight to UTF-8 through a buffer kept per thread (a mass page builds 10,000 of these at once): the same text
    /// a JSON tree gave, with one array allocated, the result.
    /// </summary>
    private static byte[] Webhook(PageNotice n)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "1");
            json.WriteString("event", n.Event);
            json.WriteString("person", n.Person);
            json.WriteStartObject("page");
            json.WriteNumber("id", n.Page.Id);
            json.WriteString("title", n.Page.Title);
            json.WriteString("details", n.Page.Details);
            json.WriteString("policy", n.Page.Policy);
            json.WriteNumber("level", n.Level + 1);
            json.WriteString("groupKey", n.Page.GroupKey);
            json.WriteString("url", n.PageUrl);
            json.WriteEndObject();
            if (n.Event == "resolved")
            {
                json.WriteNull("links");
            }
            else
            {
                json.WriteStartObject("links");
                json.WriteString("acknowledge", n.AckUrl);
                json.WriteString("resolve", n.ResolveUrl);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var body = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 64 * 1024)
        {
            _buffer = null; // one page with a very long text: its buffer is not kept
        }
        return body;
    }

    private static byte[] Slack(PageNotice n)
    {
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Headline(n)}*\n{n.Page.Details}\nPolicy {n.Page.Policy}, level {n.Level + 1}" },
            },
        };
        if (n.Event != "resolved")
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    Button("Acknowledge", n.AckUrl, "primary"),
                    Button("Resolve", n.ResolveUrl, "danger"),
                },
            });
        }
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["text"] = Headline(n), ["blocks"] = blocks });
    }

    private static JsonObject Button(string text, string url, string style) => new()
    {
        ["type"] = "button",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["url"] = url,
        ["style"] = style,
    };

    private static byte[] Email(PageNotice n)
    {
        var links = n.Event == "resolved" ? "" : $"\n\nAcknowledge: {n.AckUrl}\nResolve: {n.ResolveUrl}";
        var text = $"{Headline(n)}\n\n{n.Page.Details}\n\nPolicy {n.Page.Policy}, level {n.Level + 1}.{links}\n";
        Func<string?, string?> e = WebUtility.HtmlEncode;
        var htmlLinks = n.Event == "resolved" ? ""
            : $"<p><a href=\"{e(n.AckUrl)}\">Acknowledge</a> &middot; <a href=\"{e(n.ResolveUrl)}\">Resolve</a></p>";
        var html = $"<html><body><h2>{e(Headline(n))}</h2><pre>{e(n.Page.Details)}</pre><p>Policy {e(n.Page.Policy)}, level {n.Level + 1}.</p>{htmlLinks}</body></html>";
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["subject"] = Headline(n), ["text"] = text, ["html"] = html });
    }
}
