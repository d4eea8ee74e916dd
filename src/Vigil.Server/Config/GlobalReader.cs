namespace Vigil.Server.Config;

/// <summary>Reads <c>global:</c>: Alertmanager's defaults for every integration, with its validation texts.</summary>
internal static class GlobalReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "resolve_timeout", "http_config", "smtp_from", "smtp_hello", "smtp_smarthost", "smtp_auth_username", "smtp_auth_password",
        "smtp_auth_password_file", "smtp_auth_secret", "smtp_auth_identity", "smtp_require_tls", "slack_api_url",
        "slack_api_url_file", "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key", "opsgenie_api_key_file",
        "wechat_api_url", "wechat_api_secret", "wechat_api_corp_id", "victorops_api_url", "victorops_api_key",
        "victorops_api_key_file", "telegram_api_url", "webex_api_url",
    };

    public static GlobalConfig Read(YamlCursor? node)
    {
        var defaults = new GlobalConfig();
        if (node is null || node.IsNull)
        {
            return defaults;
        }
        var map = node.Map(Known);
        string? Text(string key) => map.Get(key)?.Text() is { Length: > 0 } v ? v : null;
        Uri? Url(string key) => map.Get(key) is { IsNull: false } u && u.Text().Length > 0 ? u.HttpUrl() : null;
        void AtMostOne(string a, string b)
        {
            if (Text(a) is not null && Text(b) is not null)
            {
                throw node.Error($"at most one of {a} & {b} must be configured");
            }
        }
        AtMostOne("smtp_auth_password", "smtp_auth_password_file");
        AtMostOne("slack_api_url", "slack_api_url_file");
        AtMostOne("opsgenie_api_key", "opsgenie_api_key_file");
        AtMostOne("victorops_api_key", "victorops_api_key_file");
        return new GlobalConfig
        {
            ResolveTimeout = map.Get("resolve_timeout")?.Duration() ?? defaults.ResolveTimeout,
            HttpConfig = HttpClientConfigReader.Read(map.Get("http_config"), HttpClientConfig.Default),
            SmtpFrom = Text("smtp_from"),
            SmtpHello = Text("smtp_hello") ?? defaults.SmtpHello,
            SmtpSmarthost = map.Get("smtp_smarthost") is { IsNull: false } smarthost ? SmtpAddress.Read(smarthost) : null,
            SmtpAuthUsername = Text("smtp_auth_username"),
            SmtpAuthPassword = Text("smtp_auth_password"),
            SmtpAuthPasswordFile = Text("smtp_auth_password_file"),
            SmtpAuthSecret = Text("smtp_auth_secret"),
            SmtpAuthIdentity = Text("smtp_auth_identity"),
            SmtpRequireTls = map.Get("smtp_require_tls")?.Bool() ?? defaults.SmtpRequireTls,
            SlackApiUrl = Url("slack_api_url"),
            SlackApiUrlFile = Text("slack_api_url_file"),
            PagerdutyUrl = Url("pagerduty_url") ?? defaults.PagerdutyUrl,
            OpsgenieApiUrl = Url("opsgenie_api_url") ?? defaults.OpsgenieApiUrl,
            OpsgenieApiKey = Text("opsgenie_api_key"),
            OpsgenieApiKeyFile = Text("opsgenie_api_key_file"),
            WechatApiUrl = Url("wechat_api_url") ?? defaults.WechatApiUrl,
            WechatApiSecret = Text("wechat_api_secret"),
            WechatApiCorpId = Text("wechat_api_corp_id"),
            VictoropsApiUrl = Url("victorops_api_url") ?? defaults.VictoropsApiUrl,
            VictoropsApiKey = Text("victorops_api_key"),
            VictoropsApiKeyFile = Text("victorops_api_key_file"),
            TelegramApiUrl = Url("telegram_api_url") ?? defaults.TelegramApiUrl,
            WebexApiUrl = Url("webex_api_url") ?? defaults.WebexApiUrl,
        };
    }
}
