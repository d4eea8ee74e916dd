namespace Vigil.Server.Config;

/// <summary><c>slack_configs[]</c>, as Alertmanager 0.25 reads it (keys, defaults, validation texts).</summary>
internal static class SlackConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "api_url", "api_url_file", "channel", "username", "color", "title", "title_link", "pretext",
        "text", "fields", "short_fields", "footer", "fallback", "callback_id", "icon_emoji", "icon_url", "image_url", "thumb_url",
        "link_names", "mrkdwn_in", "actions",
    };

    private static readonly IReadOnlySet<string> FieldKnown = new HashSet<string>(StringComparer.Ordinal) { "title", "value", "short" };

    private static readonly IReadOnlySet<string> ActionKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "text", "url", "style", "name", "value", "confirm",
    };

    private static readonly IReadOnlySet<string> ConfirmKnown = new HashSet<string>(StringComparer.Ordinal) { "text", "title", "ok_text", "dismiss_text" };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var defaults = new SlackConfig();
        // A key written as YAML null is Go's zero value (""), not the default.
        string Text(string key, string fallback) => map.Has(key) ? map.Get(key)?.Text() ?? "" : fallback;
        var fields = (map.Get("fields")?.Items() ?? []).Select(ReadField).ToList();
        var actions = (map.Get("actions")?.Items() ?? []).Select(ReadAction).ToList();
        var url = map.Get("api_url") is { IsNull: false } u && u.Text().Length > 0 ? u.HttpUrl() : null;
        var file = map.Get("api_url_file")?.Text() is { Length: > 0 } f ? f : null;
        if (url is not null && file is not null)
        {
            throw node.Error("at most one of api_url & api_url_file must be configured");
        }
        if (url is null && file is null)
        {
            if (global.SlackApiUrl is null && global.SlackApiUrlFile is null)
            {
                throw node.Error("no global Slack API URL set either inline or in a file");
            }
            (url, file) = (global.SlackApiUrl, global.SlackApiUrlFile);
        }
        return new SlackConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? false,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            ApiUrl = url,
            ApiUrlFile = file,
            Channel = Text("channel", defaults.Channel),
            Username = Text("username", defaults.Username),
            Color = Text("color", defaults.Color),
            Title = Text("title", defaults.Title),
            TitleLink = Text("title_link", defaults.TitleLink),
            Pretext = Text("pretext", defaults.Pretext),
            Text = Text("text", defaults.Text),
            Fields = fields,
            ShortFields = map.Get("short_fields")?.Bool() ?? false,
            Footer = Text("footer", defaults.Footer),
            Fallback = Text("fallback", defaults.Fallback),
            CallbackId = Text("callback_id", defaults.CallbackId),
            IconEmoji = Text("icon_emoji", defaults.IconEmoji),
            IconUrl = Text("icon_url", defaults.IconUrl),
            ImageUrl = Text("image_url", defaults.ImageUrl),
            ThumbUrl = Text("thumb_url", defaults.ThumbUrl),
            LinkNames = map.Get("link_names")?.Bool() ?? false,
            MrkdwnIn = map.Get("mrkdwn_in")?.Strings() ?? [],
            Actions = actions,
        };
    }

    private static SlackField ReadField(YamlCursor node)
    {
        var map = node.Map(FieldKnown);
        var title = map.Get("title")?.Text() ?? "";
        var value = map.Get("value")?.Text() ?? "";
        if (title.Length == 0)
        {
            throw node.Error("missing title in Slack field configuration");
        }
        if (value.Length == 0)
        {
            throw node.Error("missing value in Slack field configuration");
        }
        return new SlackField(title, value, map.Get("short")?.Bool());
    }

    private static SlackAction ReadAction(YamlCursor node)
    {
        var map = node.Map(ActionKnown);
        string Text(string key) => map.Get(key)?.Text() ?? "";
        var confirm = map.Get("confirm") is { } c ? ReadConfirm(c) : null;
        if (Text("type").Length == 0)
        {
            throw node.Error("missing type in Slack action configuration");
        }
        if (Text("text").Length == 0)
        {
            throw node.Error("missing text in Slack action configuration");
        }
        var action = new SlackAction { Type = Text("type"), Text = Text("text"), Style = Text("style") };
        // Alertmanager keeps either a link button (url) or a message button (name, value, confirm), never both.
        if (Text("url").Length > 0)
        {
            return action with { Url = Text("url") };
        }
        return Text("name").Length > 0
            ? action with { Name = Text("name"), Value = Text("value"), Confirm = confirm }
            : throw node.Error("missing name or url in Slack action configuration");
    }

    private static SlackConfirmation ReadConfirm(YamlCursor node)
    {
        var map = node.Map(ConfirmKnown);
        string Text(string key) => map.Get(key)?.Text() ?? "";
        return Text("text").Length > 0
            ? new SlackConfirmation(Text("text"), Text("title"), Text("ok_text"), Text("dismiss_text"))
            : throw node.Error("missing text in Slack confirmation configuration");
    }
}
