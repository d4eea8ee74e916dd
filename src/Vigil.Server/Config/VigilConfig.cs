namespace Vigil.Server.Config;

/// <summary>
/// The whole validated configuration, swapped atomically on reload. Its Alertmanager-shaped part
/// (global, route, receivers, inhibit_rules, time_intervals) loads unchanged from an alertmanager.yml.
/// </summary>
public sealed record VigilConfig
{
    public required GlobalConfig Global { get; init; }

    public required RouteConfig Route { get; init; }

    public required IReadOnlyList<ReceiverConfig> Receivers { get; init; }

    public IReadOnlyList<InhibitRuleConfig> InhibitRules { get; init; } = [];

    /// <summary>Named time intervals (<c>time_intervals</c> and the legacy <c>mute_time_intervals</c>).</summary>
    public IReadOnlyDictionary<string, TimeIntervalSet> TimeIntervals { get; init; } = new Dictionary<string, TimeIntervalSet>();

    /// <summary>Vigil's own server settings (the <c>server:</c> section); not an Alertmanager key.</summary>
    public ServerSettings Server { get; init; } = new();

    /// <summary>Vigil's guardrails on silences (the <c>silences:</c> section); not an Alertmanager key.</summary>
    public Silences.SilencesOptions Silences { get; init; } = new();
    /// <summary>Maintenance windows: the <c>maintenance:</c> section; not an Alertmanager key.</summary>
    public Maintenance.MaintenanceOptions Maintenance { get; init; } = new();

    /// <summary>Hosts and their agents: the <c>hosts:</c> section; not an Alertmanager key.</summary>
    public Hosts.HostsOptions Hosts { get; init; } = new();
    /// <summary>Escalation policies by name (<c>escalation_policies:</c>); not an Alertmanager key.</summary>
    public IReadOnlyDictionary<string, Escalation.EscalationPolicy> EscalationPolicies { get; init; } = new Dictionary<string, Escalation.EscalationPolicy>();

    /// <summary>Escalation engine settings (<c>escalation:</c>).</summary>
    public Escalation.EscalationOptions Escalation { get; init; } = new();

    /// <summary>PagerDuty Events API v2 routing keys (<c>pagerduty:</c>).</summary>
    public PagerDutyApi.PagerDutyOptions PagerDuty { get; init; } = new();

    /// <summary>Outgoing email (<c>smtp:</c>).</summary>
    public Notify.Email.SmtpOptions Smtp { get; init; } = new();

    /// <summary>People, teams, schedules (<c>people:</c>, <c>teams:</c>, <c>schedules:</c>) and <c>oncall:</c>; not Alertmanager keys.</summary>
    public Oncall.OnCallOptions Oncall { get; init; } = new();
    /// <summary>Probes (the <c>probes:</c> list); none by default. Not an Alertmanager key.</summary>
    public IReadOnlyList<Probes.ProbeDefinition> Probes { get; init; } = [];

    /// <summary>Heartbeats defined in the configuration (the <c>heartbeats:</c> list); none by default. Not an Alertmanager key.</summary>
    public IReadOnlyList<Heartbeats.Heartbeat> Heartbeats { get; init; } = [];

    /// <summary>Agent actions (<c>agent_actions:</c>): request expiry and how long outcomes are waited for. Not an Alertmanager key.</summary>
    public Actions.ActionsOptions AgentActions { get; init; } = new();
    /// <summary>HAProxy pools (the <c>pools:</c> list); none by default. Not an Alertmanager key.</summary>
    public IReadOnlyList<Pools.Pool> Pools { get; init; } = [];

    /// <summary>The <c>plans:</c> section (see <see cref="Plans.PlansOptions"/>).</summary>
    public Plans.PlansOptions Plans { get; init; } = new();

    /// <summary>The <c>incidents:</c> section (see <see cref="Incidents.IncidentsOptions"/>).</summary>
    public Incidents.IncidentsOptions Incidents { get; init; } = new();
    /// <summary>Vendors tickets can be opened with (the <c>vendors:</c> list); none by default. Not an Alertmanager key.</summary>
    public IReadOnlyList<Vendors.Vendor> Vendors { get; init; } = [];

    /// <summary>The public status page (the <c>status_page:</c> section). Not an Alertmanager key.</summary>
    public StatusPage.StatusPageOptions StatusPage { get; init; } = new();

    /// <summary>The web UI (the <c>ui:</c> section): the trusted reverse proxy. Not an Alertmanager key.</summary>
    public Web.UiOptions Ui { get; init; } = new();

    /// <summary>The YAML text as loaded, shown by <c>GET /api/v2/status</c> (amtool config show).</summary>
    public string Original { get; init; } = "";

    /// <summary><see cref="Original"/> with every secret shown as <c>&lt;secret&gt;</c> (<see cref="ConfigRedactor"/>): what
    /// <c>GET /api/v2/status</c> shows to every token, as Alertmanager does.</summary>
    public string OriginalRedacted { get; init; } = "";

    /// <summary>The Alertmanager part of <see cref="OriginalRedacted"/> (<see cref="AlertmanagerConfigView"/>): what
    /// <c>config.original</c> in <c>GET /api/v2/status</c> shows, so amtool's own parser accepts it.</summary>
    public string AlertmanagerRedacted { get; init; } = "";

    /// <summary>Where it was loaded from (a path, or "built-in example").</summary>
    /// <summary>Vigil's default notification templates plus the files of <c>templates:</c> (globs relative to the file's folder).</summary>
    internal Templates.NotificationTemplates? NotificationTemplates { get; init; }

    public string Source { get; init; } = "";

    public ReceiverConfig? FindReceiver(string name) => Receivers.FirstOrDefault(r => r.Name == name);
}

/// <summary><c>global:</c>.</summary>
public sealed record GlobalConfig
{
    /// <summary>How long an alert without <c>endsAt</c> stays firing after its last update. Default 5m.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>global.http_config</c>: the HTTP client of every integration that has no <c>http_config</c> of its own.</summary>
    public HttpClientConfig HttpConfig { get; init; } = HttpClientConfig.Default;

    public string? SmtpFrom { get; init; }

    /// <summary>Default <c>localhost</c>.</summary>
    public string SmtpHello { get; init; } = "localhost";

    public SmtpAddress? SmtpSmarthost { get; init; }

    public string? SmtpAuthUsername { get; init; }

    public string? SmtpAuthPassword { get; init; }

    public string? SmtpAuthPasswordFile { get; init; }

    public string? SmtpAuthSecret { get; init; }

    public string? SmtpAuthIdentity { get; init; }

    /// <summary>Default true.</summary>
    public bool SmtpRequireTls { get; init; } = true;

    public Uri? SlackApiUrl { get; init; }

    public string? SlackApiUrlFile { get; init; }

    public Uri PagerdutyUrl { get; init; } = new("https://events.pagerduty.com/v2/enqueue");

    public Uri OpsgenieApiUrl { get; init; } = new("https://api.opsgenie.com/");

    public string? OpsgenieApiKey { get; init; }

    public string? OpsgenieApiKeyFile { get; init; }

    public Uri WechatApiUrl { get; init; } = new("https://qyapi.weixin.qq.com/cgi-bin/");

    public string? WechatApiSecret { get; init; }

    public string? WechatApiCorpId { get; init; }

    public Uri VictoropsApiUrl { get; init; } = new("https://alert.victorops.com/integrations/generic/20131114/alert/");

    public string? VictoropsApiKey { get; init; }

    public string? VictoropsApiKeyFile { get; init; }

    public Uri TelegramApiUrl { get; init; } = new("https://api.telegram.org");

    public Uri WebexApiUrl { get; init; } = new("https://webexapis.com/v1/messages");
}

/// <summary><c>server:</c> — Vigil-only settings.</summary>
public sealed record ServerSettings
{
    /// <summary>Largest request body accepted, in bytes; larger gets 413. Default 8 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Accept <c>POST /api/v2/alerts</c> without a token from loopback addresses. Default false.</summary>
    public bool AllowUnauthenticatedLoopbackIngest { get; init; }

    /// <summary>The URL Vigil is reached at, sent as <c>externalURL</c> in webhooks. Default: the listen address.</summary>
    public string? ExternalUrl { get; init; }

    /// <summary>
    /// What an acknowledged request survives on SQLite: <c>process_crash</c> (synchronous=NORMAL, the default)
    /// or <c>power_loss</c> (synchronous=FULL). PostgreSQL always commits with fsync.
    /// </summary>
    public Durability Durability { get; init; } = Durability.ProcessCrash;

    /// <summary>Counts and sizes Vigil agrees to hold (<c>server.limits</c>); defaults on <see cref="ServerLimits"/>.</summary>
    public ServerLimits Limits { get; init; } = new();
    /// <summary>
    /// The longest wait between two attempts at a notification a receiver did not take (the wait doubles per attempt
    /// up to this). Read at start. Default 5m.
    /// </summary>
    public TimeSpan NotificationRetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Several nodes on one PostgreSQL (<c>server.cluster</c>); defaults on <see cref="Cluster.ClusterSettings"/>.</summary>
    public Cluster.ClusterSettings Cluster { get; init; } = new();

    /// <summary>
    /// Once the server is quiet after a burst that turned its heap over, compact the heap once to give its free memory
    /// back (<c>vigil server</c> only): a stop of up to about a second at a million alerts, at most every 10 minutes.
    /// Default true.
    /// </summary>
    public bool CompactAfterBurst { get; init; } = true;
}

public enum Durability
{
    ProcessCrash,
    PowerLoss,
}

/// <summary><c>inhibit_rules[]</c>: while an alert matching the source fires, alerts matching the
/// target with the same values of <see cref="Equal"/> are muted.</summary>
public sealed record InhibitRuleConfig(
    IReadOnlyList<Labels.Matcher> SourceMatchers,
    IReadOnlyList<Labels.Matcher> TargetMatchers,
    IReadOnlyList<string> Equal);
