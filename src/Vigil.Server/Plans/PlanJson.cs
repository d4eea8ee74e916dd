using System.Text.Json.Nodes;
using Vigil.Server.Config;

namespace Vigil.Server.Plans;

/// <summary>The wire format of plan definitions (<c>/api/v1/plans</c>), kept apart from the model.</summary>
internal static class PlanJson
{
    /// <summary>One line of <c>GET /api/v1/plans</c>.</summary>
    public static JsonObject Summary(PlanEntry entry) => new()
    {
        ["name"] = entry.Name,
        ["source"] = entry.Source,
        ["description"] = entry.Plan?.Description,
        ["hosts"] = entry.Plan is { } p ? HostsText(p.Targets) : null,
        ["serial"] = entry.Plan?.Serial.ToString(),
        ["maxFail"] = entry.Plan?.MaxFail,
        ["steps"] = entry.Plan?.Steps.Count,
        ["createdAt"] = entry.CreatedAt,
        ["createdBy"] = entry.CreatedBy,
        ["error"] = entry.Error,
    };

    /// <summary><c>GET /api/v1/plans/{name}</c> and the answer to a create: the summary, every step, and the YAML.</summary>
    public static JsonObject Detail(PlanEntry entry, bool showSecrets, IReadOnlyList<PlanProblem>? warnings = null)
    {
        var view = Summary(entry);
        if (entry.Plan is { } plan)
        {
            view["targets"] = new JsonObject
            {
                ["pool"] = plan.Targets.Pool,
                ["hosts"] = new JsonArray([.. plan.Targets.Hosts.Select(h => (JsonNode)h)]),
                ["match"] = new JsonArray([.. plan.Targets.Matchers.Select(m => (JsonNode)m.ToString())]),
            };
            view["window"] = plan.Window is { } w
                ? new JsonObject { ["watcher"] = w.Watcher, ["backup"] = w.Backup, ["announcement"] = w.Announcement, ["schedule"] = w.Schedule }
                : null;
            view["stepList"] = new JsonArray([.. plan.Steps.Select(Step)]);
        }
        view["yaml"] = showSecrets ? entry.Yaml : MaskWebhookUrls(entry.Yaml, entry.Plan);
        view["warnings"] = Problems(warnings ?? []);
        return view;
    }

    /// <summary>The answer of <c>POST /api/v1/plans/validate</c>, and the body of a 400 from a create.</summary>
    public static JsonObject Validation(IReadOnlyList<PlanProblem> errors, IReadOnlyList<PlanProblem> warnings) => new()
    {
        ["valid"] = errors.Count == 0,
        ["errors"] = Problems(errors),
        ["warnings"] = Problems(warnings),
    };

    /// <summary>A reading error as a problem, so a 400 lists it like the validator's.</summary>
    public static PlanProblem Problem(ConfigException e) => new(e.File, e.Line, e.Key, e.Reason);

    /// <summary>What the audit log keeps of a stored plan.</summary>
    public static string Audit(StoredPlan plan) =>
        new JsonObject { ["name"] = plan.Name, ["yaml"] = MaskWebhookUrls(plan.Yaml, ReadQuietly(plan.Yaml)) }.ToJsonString();

    /// <summary>The plan's YAML with every webhook step's URL masked as <see cref="Security.SecretView.Url(string)"/> does:
    /// a read token, and the audit log, never see a URL that is a credential.</summary>
    public static string MaskWebhookUrls(string yaml, PlanDefinition? plan)
    {
        foreach (var url in (plan?.Steps ?? []).Select(s => s.Url?.OriginalString).OfType<string>().Distinct().OrderByDescending(u => u.Length))
        {
            yaml = yaml.Replace(url, Security.SecretView.Url(url), StringComparison.Ordinal);
        }
        return yaml;
    }

    private static PlanDefinition? ReadQuietly(string yaml)
    {
        try
        {
            return PlanReader.Read(yaml, PlanEndpoints.RequestSource);
        }
        catch (ConfigException)
        {
            return null;
        }
    }

    private static JsonArray Problems(IReadOnlyList<PlanProblem> problems) =>
        new([.. problems.Select(p => (JsonNode)new JsonObject { ["line"] = p.Line, ["key"] = p.Key, ["reason"] = p.Reason, ["message"] = p.ToString() })]);

    private static JsonNode Step(PlanStep step) => new JsonObject
    {
        ["kind"] = step.Kind.ToString().ToLowerInvariant(),
        ["what"] = step.What,
        ["text"] = step.ToString(),
        ["line"] = step.Line,
        ["timeout"] = step.Timeout is { } t ? PromDuration.Format(t) : null,
        ["matchers"] = step.Matchers.Count > 0 ? new JsonArray([.. step.Matchers.Select(m => (JsonNode)m.ToString())]) : null,
        ["hostScoped"] = step.HostScoped ? true : null,
        ["probe"] = step.Probe,
        ["duration"] = step.Duration is { } d ? PromDuration.Format(d) : null,
    };

    private static string HostsText(PlanTargets targets) =>
        targets.Pool is { } pool ? "pool " + pool
        : targets.Matchers.Count > 0 ? "match " + Labels.Matcher.ListToString(targets.Matchers)
        : string.Join(", ", targets.Hosts);
}
