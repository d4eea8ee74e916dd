namespace Vigil.Server.Config;

/// <summary>
/// The <c>*_configs</c> keys of a receiver, in the order Alertmanager builds its integrations (which fixes each one's
/// integration index), and the reader of each kind Vigil delivers. A kind without a reader is refused as not supported.
/// </summary>
internal static class IntegrationReaders
{
    /// <summary>Alertmanager's BuildReceiverIntegrations order: 0.25's, then <c>msteams_configs</c>, which 0.26 added last.</summary>
    public static readonly IReadOnlyList<string> Order =
    [
        "webhook_configs", "email_configs", "pagerduty_configs", "opsgenie_configs", "wechat_configs", "slack_configs",
        "victorops_configs", "pushover_configs", "sns_configs", "telegram_configs", "discord_configs", "webex_configs",
        "msteams_configs",
    ];

    /// <summary>Reads one list item of a kind, given the globals (defaults for URLs, keys and the HTTP client).</summary>
    public static readonly IReadOnlyDictionary<string, Func<YamlCursor, GlobalConfig, IntegrationConfig>> Readers =
        new Dictionary<string, Func<YamlCursor, GlobalConfig, IntegrationConfig>>(StringComparer.Ordinal)
        {
            ["webhook_configs"] = WebhookConfigReader.Read,
            ["email_configs"] = EmailConfigReader.Read,
            ["slack_configs"] = SlackConfigReader.Read,
            ["telegram_configs"] = TelegramConfigReader.Read,
            ["discord_configs"] = DiscordConfigReader.Read,
            ["webex_configs"] = WebexConfigReader.Read,
            ["pagerduty_configs"] = PagerdutyConfigReader.Read,
            ["opsgenie_configs"] = OpsgenieConfigReader.Read,
            ["victorops_configs"] = VictorOpsConfigReader.Read,
            ["wechat_configs"] = WechatConfigReader.Read,
            ["pushover_configs"] = PushoverConfigReader.Read,
            ["sns_configs"] = SnsConfigReader.Read,
            ["msteams_configs"] = MsTeamsConfigReader.Read,
        };
}
