using Vigil.Server.Config;

namespace Vigil.Server.Tests.Config;

/// <summary>Each invalid configuration names the line and key path to fix, and says what is wrong.</summary>
public sealed class InvalidConfigTests
{
    // Four lines; cases append from line 5 on.
    private const string Base = "route:\n  receiver: a\nreceivers:\n  - name: a\n";

    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        { "email without a smarthost anywhere", Base + "    email_configs:\n      - to: ops@example.com\n", 6, "receivers[0].email_configs[0]", "no global SMTP smarthost set" },
        { "webhook http_config with two kinds of auth", Base + "    webhook_configs:\n      - url: http://x/\n        http_config: {bearer_token: x, basic_auth: {username: u}}\n", 7, "receivers[0].webhook_configs[0].http_config", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured" },
        { "http_config authorization of type basic", Base + "    webhook_configs:\n      - url: http://x/\n        http_config:\n          authorization: {type: Basic, credentials: x}\n", 8, "receivers[0].webhook_configs[0].http_config.authorization", "use \"basic_auth\" instead" },
        { "unknown TLS version", Base + "global:\n  http_config:\n    tls_config:\n      min_version: TLS9\n", 8, "global.http_config.tls_config.min_version", "unknown TLS version: TLS9" },
        { "smarthost without port", Base + "global:\n  smtp_smarthost: mail.example.com\n", 6, "global.smtp_smarthost", "missing port in address" },
        { "slack url twice in global", Base + "global:\n  slack_api_url: http://x/\n  slack_api_url_file: /f\n", 6, "global", "at most one of slack_api_url & slack_api_url_file must be configured" },
        { "unknown global", Base + "global:\n  resolve_timout: 5m\n", 6, "global.resolve_timout", "unknown key" },
        { "unknown top-level key", Base + "routes: []\n", 5, "routes", "unknown key" },
        { "bad resolve_timeout", Base + "global:\n  resolve_timeout: 5\n", 6, "global.resolve_timeout", "not a valid duration string: \"5\"" },
        { "zero group_interval", "route:\n  receiver: a\n  group_interval: 0s\nreceivers:\n  - name: a\n", 3, "route.group_interval", "group_interval cannot be zero" },
        { "root without receiver", "route:\n  group_wait: 1s\nreceivers:\n  - name: a\n", 2, "route.receiver", "root route must specify a default receiver" },
        { "root with matchers", "route:\n  receiver: a\n  matchers: [a=b]\nreceivers:\n  - name: a\n", 3, "route.matchers", "root route must not have any matchers" },
        { "root with match", "route:\n  receiver: a\n  match:\n    a: b\nreceivers:\n  - name: a\n", 4, "route.match", "root route must not have any matchers" },
        { "root with continue", "route:\n  receiver: a\n  continue: true\nreceivers:\n  - name: a\n", 3, "route.continue", "cannot have continue in root route" },
        { "undefined receiver", "route:\n  receiver: a\n  routes:\n    - receiver: b\nreceivers:\n  - name: a\n", 4, "route.routes[0].receiver", "undefined receiver \"b\" used in route" },
        { "zero repeat_interval", "route:\n  receiver: a\n  repeat_interval: 0s\nreceivers:\n  - name: a\n", 3, "route.repeat_interval", "repeat_interval cannot be zero" },
        { "invalid group_by label", "route:\n  receiver: a\n  group_by: [alertname, a-b]\nreceivers:\n  - name: a\n", 3, "route.group_by[1]", "invalid label name \"a-b\" in group_by list" },
        { "duplicate group_by label", "route:\n  receiver: a\n  group_by:\n    - x\n    - x\nreceivers:\n  - name: a\n", 5, "route.group_by[1]", "duplicated label \"x\" in group_by" },
        { "wildcard mixed with labels", "route:\n  receiver: a\n  group_by: ['...', x]\nreceivers:\n  - name: a\n", 3, "route.group_by", "cannot have wildcard group_by" },
        { "bad regex in match_re", "route:\n  receiver: a\n  routes:\n    - match_re:\n        service: '(foo'\nreceivers:\n  - name: a\n", 5, "route.routes[0].match_re.service", "invalid regular expression" },
        { "invalid label in match", "route:\n  receiver: a\n  routes:\n    - match:\n        a-b: x\nreceivers:\n  - name: a\n", 5, "route.routes[0].match.a-b", "invalid label name \"a-b\"" },
        { "bad matcher string", "route:\n  receiver: a\n  routes:\n    - matchers:\n        - foo\nreceivers:\n  - name: a\n", 5, "route.routes[0].matchers[0]", "bad matcher format: foo" },
        { "bad continue", "route:\n  receiver: a\n  routes:\n    - continue: yes please\nreceivers:\n  - name: a\n", 4, "route.routes[0].continue", "not a valid boolean" },
        { "undefined time interval", "route:\n  receiver: a\n  routes:\n    - mute_time_intervals: [nights]\nreceivers:\n  - name: a\n", 4, "route.routes[0].mute_time_intervals[0]", "undefined time interval \"nights\" used in route" },
        { "root mute_time_intervals", "route:\n  receiver: a\n  mute_time_intervals: [x]\nreceivers:\n  - name: a\n", 3, "route.mute_time_intervals", "root route must not have any mute time intervals" },
        { "duplicate receiver", Base + "  - name: a\n", 5, "receivers[1].name", "notification config name \"a\" is not unique" },
        { "receiver without name", Base + "  - webhook_configs: []\n", 5, "receivers[1].name", "missing required key" },
        { "webhook without url", Base + "    webhook_configs:\n      - send_resolved: false\n", 6, "receivers[0].webhook_configs[0]", "one of url or url_file must be configured" },
        { "webhook with url and url_file", Base + "    webhook_configs:\n      - url: http://x/\n        url_file: /f\n", 6, "receivers[0].webhook_configs[0]", "at most one of url & url_file must be configured" },
        { "webhook with ftp url", Base + "    webhook_configs:\n      - url: ftp://x/\n", 6, "receivers[0].webhook_configs[0].url", "unsupported scheme \"ftp\" for URL" },
        { "webhook with relative url", Base + "    webhook_configs:\n      - url: /hook\n", 6, "receivers[0].webhook_configs[0].url", "not an absolute http or https URL" },
        { "negative max_alerts", Base + "    webhook_configs:\n      - url: http://x/\n        max_alerts: -1\n", 7, "receivers[0].webhook_configs[0].max_alerts", "must be between 0" },
        { "non-integer max_alerts", Base + "    webhook_configs:\n      - url: http://x/\n        max_alerts: 1.5\n", 7, "receivers[0].webhook_configs[0].max_alerts", "not a valid integer" },
        { "invalid label in equal", Base + "inhibit_rules:\n  - equal: [a.b]\n", 6, "inhibit_rules[0].equal[0]", "invalid label name \"a.b\" in equal list" },
        { "bad inhibit matcher", Base + "inhibit_rules:\n  - source_matchers: ['severity=~\"(\"']\n", 6, "inhibit_rules[0].source_matchers[0]", "invalid regular expression" },
        { "lookahead in matchers", "route:\n  receiver: a\n  routes:\n    - matchers: ['job=~\"(?=x)\"']\nreceivers:\n  - name: a\n", 4, "route.routes[0].matchers[0]", "invalid or unsupported Perl syntax: `(?=`" },
        { "back-reference in match_re", "route:\n  receiver: a\n  routes:\n    - match_re:\n        service: '(a)\\1'\nreceivers:\n  - name: a\n", 5, "route.routes[0].match_re.service", "invalid escape sequence: `\\1`" },
        { "repetition beyond RE2's limit in an inhibit rule", Base + "inhibit_rules:\n  - source_matchers: ['a=~\".{100000}\"']\n", 6, "inhibit_rules[0].source_matchers[0]", "invalid repeat count: `{100000}`" },
        { "atomic group in target_match_re", Base + "inhibit_rules:\n  - target_match_re:\n      a: '(?>x+)'\n", 7, "inhibit_rules[0].target_match_re.a", "invalid or unsupported Perl syntax: `(?>`" },
        { "unknown inhibit key", Base + "inhibit_rules:\n  - source_matcher: [a=b]\n", 6, "inhibit_rules[0].source_matcher", "unknown key" },
        { "duplicate interval across legacy key", Base + "mute_time_intervals:\n  - name: x\ntime_intervals:\n  - name: x\n", 8, "time_intervals[0].name", "time interval \"x\" is not unique" },
        { "time interval without name", Base + "time_intervals:\n  - time_intervals: []\n", 6, "time_intervals[0].name", "missing required key" },
        { "start after end", Interval("times: [{start_time: '10:00', end_time: '09:00'}]"), 8, "time_intervals[0].time_intervals[0].times[0]", "start time cannot be equal or greater than end time" },
        { "one-digit hour", Interval("times: [{start_time: '9:00', end_time: '10:00'}]"), 8, "time_intervals[0].time_intervals[0].times[0].start_time", "couldn't parse timestamp 9:00, invalid format" },
        { "missing end time", Interval("times: [{start_time: '09:00'}]"), 8, "time_intervals[0].time_intervals[0].times[0]", "both start and end times must be provided" },
        { "unknown weekday", Interval("weekdays: [funday]"), 8, "time_intervals[0].time_intervals[0].weekdays[0]", "funday is not a valid weekday" },
        { "reversed weekdays", Interval("weekdays: ['friday:monday']"), 8, "time_intervals[0].time_intervals[0].weekdays[0]", "start day cannot be before end day" },
        { "day zero", Interval("days_of_month: ['0']"), 8, "time_intervals[0].time_intervals[0].days_of_month[0]", "0 is not a valid day of the month: out of range" },
        { "reversed negative days", Interval("days_of_month: ['-1:-3']"), 8, "time_intervals[0].time_intervals[0].days_of_month[0]", "end day -3 is always before start day -1" },
        { "negative to positive days", Interval("days_of_month: ['-3:5']"), 8, "time_intervals[0].time_intervals[0].days_of_month[0]", "end day must be negative if start day is negative" },
        { "month out of range", Interval("months: ['13']"), 8, "time_intervals[0].time_intervals[0].months[0]", "13 is not a valid month: out of range" },
        { "reversed months", Interval("months: ['march:january']"), 8, "time_intervals[0].time_intervals[0].months[0]", "end month january is before start month march" },
        { "reversed years", Interval("years: ['2022:2020']"), 8, "time_intervals[0].time_intervals[0].years[0]", "end year 2020 is before start year 2022" },
        { "unknown zone", Interval("location: Mars/Base"), 8, "time_intervals[0].time_intervals[0].location", "unknown time zone Mars/Base" },
        { "max_body_bytes zero", Base + "server:\n  max_body_bytes: 0\n", 6, "server.max_body_bytes", "must be a positive number of bytes" },
        { "bad durability", Base + "server:\n  durability: always\n", 6, "server.durability", "must be process_crash or power_loss" },
        { "zero retry delay", Base + "server:\n  notification_retry_max_delay: 0s\n", 6, "server.notification_retry_max_delay", "must be a duration from 1ms to 24h" },
        { "huge retry delay", Base + "server:\n  notification_retry_max_delay: 2d\n", 6, "server.notification_retry_max_delay", "must be a duration from 1ms to 24h" },
        { "relative external_url", Base + "server:\n  external_url: vigil.local\n", 6, "server.external_url", "not an absolute http or https URL" },
        { "bad loopback flag", Base + "server:\n  allow_unauthenticated_loopback_ingest: maybe\n", 6, "server.allow_unauthenticated_loopback_ingest", "not a valid boolean" },
        { "missing route", "receivers:\n  - name: a\n", 1, "route", "missing required key" },
        { "missing receivers", "route:\n  receiver: a\n", 1, "receivers", "missing required key" },
        { "no receivers defined", "route:\n  receiver: a\nreceivers: []\n", 2, "route.receiver", "undefined receiver \"a\" used in route" },
        { "route is a scalar", "route: a\nreceivers: []\n", 1, "route", "expected a mapping" },
        { "receivers is a mapping", "route: {receiver: a}\nreceivers:\n  name: a\n", 3, "receivers", "expected a list" },
        { "duplicate key", "route:\n  receiver: a\n  receiver: b\nreceivers: [{name: a}]\n", 3, "", "invalid YAML" },
        { "syntax error", "route:\n  receiver: a\n receivers: [\n", 3, "", "invalid YAML" },
        { "slack without any api_url", Base + "    slack_configs:\n      - channel: x\n", 6, "receivers[0].slack_configs[0]", "no global Slack API URL set either inline or in a file" },
        { "slack api_url and api_url_file", Base + "    slack_configs:\n      - api_url: http://x/\n        api_url_file: /f\n", 6, "receivers[0].slack_configs[0]", "at most one of api_url & api_url_file must be configured" },
        { "slack field without value", Base + "    slack_configs:\n      - api_url: http://x/\n        fields: [{title: a}]\n", 7, "receivers[0].slack_configs[0].fields[0]", "missing value in Slack field configuration" },
        { "slack action without name or url", Base + "    slack_configs:\n      - api_url: http://x/\n        actions: [{type: button, text: a}]\n", 7, "receivers[0].slack_configs[0].actions[0]", "missing name or url in Slack action configuration" },
        { "slack confirm without text", Base + "    slack_configs:\n      - api_url: http://x/\n        actions: [{type: button, text: a, name: n, confirm: {title: t}}]\n", 7, "receivers[0].slack_configs[0].actions[0].confirm", "missing text in Slack confirmation configuration" },
        { "slack unknown key", Base + "    slack_configs:\n      - api_url: http://x/\n        colour: red\n", 7, "receivers[0].slack_configs[0].colour", "unknown key" },
        { "telegram without bot_token", Base + "    telegram_configs:\n      - chat_id: 1\n", 6, "receivers[0].telegram_configs[0]", "missing bot_token on telegram_config" },
        { "telegram without chat_id", Base + "    telegram_configs:\n      - bot_token: x\n", 6, "receivers[0].telegram_configs[0]", "missing chat_id on telegram_config" },
        { "telegram quoted chat_id", Base + "    telegram_configs:\n      - bot_token: x\n        chat_id: '12'\n", 7, "receivers[0].telegram_configs[0].chat_id", "cannot unmarshal !!str `12` into int64" },
        { "telegram bad parse_mode", Base + "    telegram_configs:\n      - {bot_token: x, chat_id: 1, parse_mode: md}\n", 6, "receivers[0].telegram_configs[0]", "unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string" },
        { "telegram bot_token_file (0.26)", Base + "    telegram_configs:\n      - chat_id: 1\n        bot_token_file: /f\n", 7, "receivers[0].telegram_configs[0].bot_token_file", "unknown key" },
        { "discord without webhook_url", Base + "    discord_configs:\n      - title: x\n", 6, "receivers[0].discord_configs[0]", "no discord webhook URL provided" },
        { "discord webhook_url_file (0.26)", Base + "    discord_configs:\n      - webhook_url_file: /f\n", 6, "receivers[0].discord_configs[0].webhook_url_file", "unknown key" },
        { "webex without room_id", Base + "    webex_configs:\n      - http_config: {authorization: {credentials: c}}\n", 6, "receivers[0].webex_configs[0]", "missing room_id on webex_config" },
        { "webex without authorization", Base + "    webex_configs:\n      - room_id: r\n", 6, "receivers[0].webex_configs[0]", "missing webex_configs.http_config.authorization" },
        { "pagerduty without a key", Base + "    pagerduty_configs:\n      - severity: critical\n", 6, "receivers[0].pagerduty_configs[0]", "missing service or routing key in PagerDuty config" },
        { "pagerduty routing key twice", Base + "    pagerduty_configs:\n      - {routing_key: k, routing_key_file: /f}\n", 6, "receivers[0].pagerduty_configs[0]", "at most one of routing_key & routing_key_file must be configured" },
        { "pagerduty unknown link key", Base + "    pagerduty_configs:\n      - routing_key: k\n        links:\n          - hreff: x\n", 8, "receivers[0].pagerduty_configs[0].links[0].hreff", "unknown key" },
        { "opsgenie without any key", Base + "    opsgenie_configs:\n      - message: m\n", 6, "receivers[0].opsgenie_configs[0]", "no global OpsGenie API Key set either inline or in a file" },
        { "opsgenie responder without id", Base + "    opsgenie_configs:\n      - api_key: k\n        responders:\n          - type: team\n", 8, "receivers[0].opsgenie_configs[0].responders[0]", "opsGenieConfig responder {   team} has to have at least one of id, username or name specified" },
        { "opsgenie responder of unknown type", Base + "    opsgenie_configs:\n      - api_key: k\n        responders:\n          - {name: x, type: Squad}\n", 8, "receivers[0].opsgenie_configs[0].responders[0]", "opsGenieConfig responder { x  squad} type does not match valid options ^(team|teams|user|escalation|schedule)$" },
        { "victorops without routing key", Base + "    victorops_configs:\n      - api_key: k\n", 6, "receivers[0].victorops_configs[0]", "missing Routing key in VictorOps config" },
        { "victorops reserved custom field", Base + "    victorops_configs:\n      - {api_key: k, routing_key: r, custom_fields: {entity_id: x}}\n", 6, "receivers[0].victorops_configs[0]", "victorOps config contains custom field entity_id which cannot be used as it conflicts with the fixed/static fields" },
        { "wechat message type", Base + "    wechat_configs:\n      - {api_secret: s, corp_id: c, message_type: html}\n", 6, "receivers[0].wechat_configs[0]", "weChat message type \"html\" does not match valid options ^(text|markdown)$" },
        { "wechat without a secret", Base + "    wechat_configs:\n      - corp_id: c\n", 6, "receivers[0].wechat_configs[0]", "no global Wechat ApiSecret set" },
        { "pushover without token", Base + "    pushover_configs:\n      - user_key: u\n", 6, "receivers[0].pushover_configs[0]", "missing token in Pushover config" },
        { "pushover retry without unit", Base + "    pushover_configs:\n      - {user_key: u, token: t, retry: 30}\n", 6, "receivers[0].pushover_configs[0].retry", "time: missing unit in duration \"30\"" },
        { "sns without a destination", Base + "    sns_configs:\n      - sigv4: {region: r}\n", 6, "receivers[0].sns_configs[0]", "must provide either a Target ARN, Topic ARN, or Phone Number for SNS config" },
        { "sns access key without secret", Base + "    sns_configs:\n      - topic_arn: t\n        sigv4: {access_key: a}\n", 7, "receivers[0].sns_configs[0].sigv4", "must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config" },
        { "msteams without webhook_url", Base + "    msteams_configs:\n      - title: x\n", 6, "receivers[0].msteams_configs[0]", "no msteams webhook URL provided" },
        { "msteams webhook_url_file (after 0.26)", Base + "    msteams_configs:\n      - webhook_url_file: /f\n", 6, "receivers[0].msteams_configs[0].webhook_url_file", "unknown key" },
        { "msteams summary (after 0.26)", Base + "    msteams_configs:\n      - webhook_url: http://x/\n        summary: s\n", 7, "receivers[0].msteams_configs[0].summary", "unknown key" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InvalidConfig_IsRejected_NamingLineAndKey(string what, string yaml, int line, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(yaml, "vigil.yaml"));

        Assert.True(e.Line == line, $"{what}: expected line {line}, got: {e.Message}");
        Assert.Equal(key, e.Key);
        Assert.Contains(reason, e.Reason);
        Assert.StartsWith($"vigil.yaml:{line}: " + (key.Length > 0 ? key + ": " : ""), e.Message);
        Assert.DoesNotContain("(Line:", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("# only a comment\n")]
    public void EmptyConfig_IsRejected_WithAClearMessage(string yaml)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(yaml, "vigil.yaml"));

        Assert.Equal("vigil.yaml: the configuration is empty; route and receivers are required", e.Message);
    }

    /// <summary>A config whose only time interval entry (line 8) is <paramref name="spec"/>.</summary>
    private static string Interval(string spec) =>
        Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - " + spec + "\n";
}
