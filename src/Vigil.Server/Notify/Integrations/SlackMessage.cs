using System.Text;
using Vigil.Server.Config;
using Vigil.Server.Notify.Webhook;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// The JSON body Alertmanager 0.25 posts to Slack: one attachment, fields in Go's struct order, <c>omitempty</c> where
/// Alertmanager has it, Go's escaping, and the encoder's trailing newline. Pure: configuration + rendered templates → bytes.
/// </summary>
internal static class SlackMessage
{
    /// <summary>Slack's limit for an attachment title, in characters (Alertmanager counts runes).</summary>
    public const int MaxTitleRunes = 1024;

    private static readonly string[] DefaultMrkdwnIn = ["fallback", "pretext", "text"];

    /// <summary>The body, the rendered channel (for errors) and whether the title was cut; <see cref="TemplateFields.Error"/> set means nothing is to be sent.</summary>
    public static (byte[] Body, string Channel, bool TitleTruncated) Build(SlackConfig c, TemplateFields t)
    {
        // Rendered in Alertmanager's order, so the first template error is the same one.
        var (title, truncated) = TextTruncation.InRunes(t.Text(c.Title), MaxTitleRunes);
        var titleLink = t.Text(c.TitleLink);
        var pretext = t.Text(c.Pretext);
        var text = t.Text(c.Text);
        var fallback = t.Text(c.Fallback);
        var callbackId = t.Text(c.CallbackId);
        var imageUrl = t.Text(c.ImageUrl);
        var thumbUrl = t.Text(c.ThumbUrl);
        var footer = t.Text(c.Footer);
        var color = t.Text(c.Color);

        var attachment = new StringBuilder(512);
        attachment.Append('{');
        Optional(attachment, "title", title);
        Optional(attachment, "title_link", titleLink);
        Optional(attachment, "pretext", pretext);
        Field(attachment, "text", text);
        Field(attachment, "fallback", fallback);
        Field(attachment, "callback_id", callbackId);
        if (c.Fields.Count > 0)
        {
            attachment.Append(",\"fields\":[");
            for (var i = 0; i < c.Fields.Count; i++)
            {
                var f = c.Fields[i];
                attachment.Append(i == 0 ? "{" : ",{");
                Optional(attachment, "title", t.Text(f.Title));
                Optional(attachment, "value", t.Text(f.Value));
                Raw(attachment, "short", (f.Short ?? c.ShortFields) ? "true" : "false");
                attachment.Append('}');
            }
            attachment.Append(']');
        }
        if (c.Actions.Count > 0)
        {
            attachment.Append(",\"actions\":[");
            for (var i = 0; i < c.Actions.Count; i++)
            {
                attachment.Append(i == 0 ? "" : ",");
                Action(attachment, c.Actions[i], t);
            }
            attachment.Append(']');
        }
        Optional(attachment, "image_url", imageUrl);
        Optional(attachment, "thumb_url", thumbUrl);
        Field(attachment, "footer", footer);
        Optional(attachment, "color", color);
        var mrkdwnIn = c.MrkdwnIn.Count == 0 ? DefaultMrkdwnIn : c.MrkdwnIn;
        attachment.Append(",\"mrkdwn_in\":[");
        for (var i = 0; i < mrkdwnIn.Count; i++)
        {
            attachment.Append(i == 0 ? "" : ",");
            GoJson.String(attachment, mrkdwnIn[i]);
        }
        attachment.Append("]}");

        var channel = t.Text(c.Channel);
        var username = t.Text(c.Username);
        var iconEmoji = t.Text(c.IconEmoji);
        var iconUrl = t.Text(c.IconUrl);
        var body = new StringBuilder(attachment.Length + 128);
        body.Append('{');
        Optional(body, "channel", channel);
        Optional(body, "username", username);
        Optional(body, "icon_emoji", iconEmoji);
        Optional(body, "icon_url", iconUrl);
        if (c.LinkNames)
        {
            Raw(body, "link_names", "true");
        }
        Raw(body, "attachments", "[" + attachment + "]");
        body.Append("}\n");
        return (Encoding.UTF8.GetBytes(body.ToString()), channel, truncated);
    }

    private static void Action(StringBuilder sb, SlackAction a, TemplateFields t)
    {
        sb.Append('{');
        Optional(sb, "type", t.Text(a.Type));
        Optional(sb, "text", t.Text(a.Text));
        Optional(sb, "url", t.Text(a.Url));
        Optional(sb, "style", t.Text(a.Style));
        Optional(sb, "name", t.Text(a.Name));
        Optional(sb, "value", t.Text(a.Value));
        if (a.Confirm is { } confirm)
        {
            var inner = new StringBuilder("{");
            Optional(inner, "text", t.Text(confirm.Text));
            Optional(inner, "title", t.Text(confirm.Title));
            Optional(inner, "ok_text", t.Text(confirm.OkText));
            Optional(inner, "dismiss_text", t.Text(confirm.DismissText));
            Raw(sb, "confirm", inner.Append('}').ToString());
        }
        sb.Append('}');
    }

    /// <summary>A member, with the comma unless it is the object's first.</summary>
    private static void Field(StringBuilder sb, string name, string value)
    {
        if (sb[^1] != '{')
        {
            sb.Append(',');
        }
        sb.Append('"').Append(name).Append("\":");
        GoJson.String(sb, value);
    }

    /// <summary>Go's <c>omitempty</c>: nothing for an empty string.</summary>
    private static void Optional(StringBuilder sb, string name, string value)
    {
        if (value.Length > 0)
        {
            Field(sb, name, value);
        }
    }

    private static void Raw(StringBuilder sb, string name, string json)
    {
        if (sb[^1] != '{')
        {
            sb.Append(',');
        }
        sb.Append('"').Append(name).Append("\":").Append(json);
    }
}
