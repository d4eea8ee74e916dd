using System.Text.RegularExpressions;
using Vigil.Server.Escalation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Config;

/// <summary>
/// Loads and validates a whole configuration: an alertmanager.yml (Alertmanager 0.25 keys and rules)
/// plus Vigil's <c>server:</c>, <c>silences:</c>, <c>maintenance:</c>, <c>people:</c>, <c>teams:</c>, <c>schedules:</c>, <c>oncall:</c>, <c>probes:</c>, <c>heartbeats:</c>, <c>pools:</c>, <c>plans:</c>, <c>incidents:</c> and <c>ui:</c> sections. Every error is a <see cref="ConfigException"/> naming file, line and key.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>The <see cref="VigilConfig.Source"/> of <see cref="LoadBuiltInExample"/>.</summary>
    public const string BuiltInExampleSource = "built-in example";

    private const string ExampleResource = "example.vigil.yaml";

    private static readonly IReadOnlySet<string> TopKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "global", "route", "receivers", "inhibit_rules", "time_intervals", "mute_time_intervals", "server", "silences", "maintenance", "hosts",
        "escalation_policies", "escalation", "people", "teams", "pagerduty", "smtp", "schedules", "oncall", "probes", "heartbeats",
        "agent_actions", "pools", "plans", "templates", "incidents", "vendors", "status_page", "ui",
    };

    private static readonly IReadOnlySet<string> TopUnsupported = new HashSet<string>(StringComparer.Ordinal);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlMarkPrefix();

    /// <summary>Parses and validates <paramref name="yamlText"/>; <paramref name="sourceName"/> prefixes error messages.</summary>
    /// <exception cref="ConfigException">The text is not valid YAML or not a valid configuration.</exception>
    public static VigilConfig Load(string yamlText, string sourceName)
    {
        var root = ParseYaml(yamlText, sourceName)
            ?? throw new ConfigException(sourceName, 0, "", "the configuration is empty; route and receivers are required");
        var top = root.Map(TopKnown, TopUnsupported);
        var routeNode = top.Required("route");
        var receiversNode = top.Required("receivers");

        var policies = EscalationPolicyReader.Read(top.Get("escalation_policies"));
        var policyNames = policies.Keys.ToHashSet(StringComparer.Ordinal);
        var pagerDuty = PagerDutyReader.Read(top.Get("pagerduty"), policyNames);
        var global = GlobalReader.Read(top.Get("global"));
        var receivers = PolicyRoutes.AddReceivers(ReceiverReader.Read(receiversNode, policyNames, global), pagerDuty);
        var intervals = new Dictionary<string, TimeIntervalSet>(StringComparer.Ordinal);
        TimeIntervalReader.ReadInto(top.Get("mute_time_intervals"), "mute time interval", intervals);
        TimeIntervalReader.ReadInto(top.Get("time_intervals"), "time interval", intervals);
        var receiverNames = receivers.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var oncall = OnCallReader.Read(top.Get("people"), top.Get("teams"), top.Get("schedules"), top.Get("oncall"), receiverNames);
        var route = PolicyRoutes.AddRoutes(RouteReader.ReadRoot(routeNode, receiverNames, intervals.Keys.ToHashSet(StringComparer.Ordinal)), pagerDuty);

        var redacted = ConfigRedactor.Redact(yamlText, root.Node);
        var config = new VigilConfig
        {
            Global = global,
            Route = route,
            Receivers = receivers,
            InhibitRules = InhibitRuleReader.Read(top.Get("inhibit_rules")),
            TimeIntervals = intervals,
            Server = ServerSettingsReader.Read(top.Get("server")),
            Silences = SilencesSettingsReader.Read(top.Get("silences")),
            Maintenance = MaintenanceReader.Read(top.Get("maintenance"), receiverNames, oncall.Schedules.Select(s => s.Name).ToHashSet(StringComparer.Ordinal)),
            Hosts = HostsReader.Read(top.Get("hosts")),
            EscalationPolicies = policies,
            Escalation = EscalationSettingsReader.Read(top.Get("escalation")),
            PagerDuty = pagerDuty,
            Smtp = SmtpReader.Read(top.Get("smtp")),
            Oncall = oncall,
            Probes = ProbesReader.Read(top.Get("probes")),
            Heartbeats = HeartbeatsReader.Read(top.Get("heartbeats")),
            AgentActions = Actions.ActionsConfigReader.Read(top.Get("agent_actions")),
            Pools = Pools.PoolsConfigReader.Read(top.Get("pools")),
            Plans = Plans.PlansConfigReader.Read(top.Get("plans"), yamlText, policyNames),
            Incidents = Incidents.IncidentsConfigReader.Read(top.Get("incidents"), policyNames, oncall.People.Keys.ToHashSet(StringComparer.Ordinal)),
            NotificationTemplates = Templates.TemplatesConfigReader.Read(top.Get("templates"), sourceName),
            Vendors = Vendors.VendorsConfigReader.Read(top.Get("vendors")),
            StatusPage = StatusPage.StatusPageConfigReader.Read(top.Get("status_page"),
                ProbesReader.Read(top.Get("probes")).Select(p => p.Name).ToHashSet(StringComparer.Ordinal)),
            Ui = Web.UiConfigReader.Read(top.Get("ui")),
            Original = yamlText,
            OriginalRedacted = redacted,
            AlertmanagerRedacted = AlertmanagerConfigView.Extract(redacted),
            Source = sourceName,
        };
        Plans.PlansConfigReader.Validate(config);
        return config;
    }

    /// <summary>Reads and loads the file at <paramref name="path"/>; errors name the path as given.</summary>
    /// <exception cref="ConfigException">The file cannot be read, or its content is invalid.</exception>
    public static VigilConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "", $"cannot read the configuration file: {e.Message}", e);
        }
        return Load(text, path);
    }

    /// <summary>The example configuration compiled into the server, used when no file is given.</summary>
    public static VigilConfig LoadBuiltInExample()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ExampleResource)
            ?? throw new InvalidOperationException($"embedded resource {ExampleResource} is missing from the build");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd(), BuiltInExampleSource);
    }

    /// <summary>The root node, or null for a document with no content (empty or only comments).</summary>
    internal static YamlCursor? ParseYaml(string text, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            YamlDepth.Check(text, sourceName);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = YamlMarkPrefix().Replace(e.Message, "");
            throw new ConfigException(sourceName, (int)e.Start.Line, "", $"invalid YAML: {reason}", e);
        }
        catch (ArgumentException e)
        {
            // YamlDotNet's scanner throws this, without a position, for an escape that is no Unicode character ("\udc00").
            throw new ConfigException(sourceName, 0, "", "invalid YAML: an escape sequence in a double-quoted string is not a valid Unicode character (a lone surrogate such as \\udc00?)", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, for a document that ends inside a flow collection.
            throw new ConfigException(sourceName, 0, "", "invalid YAML: the document ends inside a { } or [ ] that is never closed", e);
        }
        if (stream.Documents.Count == 0)
        {
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigException(sourceName, (int)second.Start.Line, "", "only one YAML document is allowed");
        }
        var root = YamlCursor.Root(sourceName, stream.Documents[0].RootNode);
        return root.IsNull ? null : root;
    }
}
