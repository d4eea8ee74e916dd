using Vigil.Server.Config;
using Vigil.Server.Plans;
using static Vigil.Server.Tests.Plans.PlanTexts;

namespace Vigil.Server.Tests.Plans;

/// <summary>The <c>plans:</c> section: plans read from vigil.yaml with its lines, validated at load.</summary>
public sealed class PlansConfigTests
{
    private static string WithPlans(string plans) => ConfigYaml + "plans:\n" + plans;

    private static string Indented(string plan) =>
        "    - " + string.Join("\n      ", plan.TrimEnd().Split('\n')) + "\n";

    [Fact]
    public void Definitions_AreRead_WithTheirOwnYamlAsSource()
    {
        var config = ConfigLoader.Load(WithPlans("  escalation_policy: ops\n  definitions:\n" + Indented(Full) + Indented(Restart)), "vigil.yaml");

        Assert.Equal("ops", config.Plans.EscalationPolicy);
        Assert.Equal(["reboot-lb", "restart-web"], config.Plans.Definitions.Select(p => p.Name));
        var plan = config.Plans.Definitions[0];
        Assert.Equal(("vigil.yaml", "plans.definitions[0]"), (plan.SourceName, plan.KeyPath));
        Assert.Equal(Full.TrimEnd() + "\n", plan.Source);
        Assert.Equal(PlanReader.Read(plan.Source, "x").Steps.Count, plan.Steps.Count);
        Assert.Empty(ConfigLoader.Load(ConfigYaml, "vigil.yaml").Plans.Definitions);
    }

    [Theory]
    [InlineData("  escalation_policy: nope\n", "escalation_policy: nope", "plans.escalation_policy", "undefined escalation policy \"nope\"")]
    [InlineData("  definitions:\n    - name: a\n      hosts: [lb-1]\n      steps: [{gate: pool_min_healty}]\n", "pool_min_healty", "plans.definitions[0].steps[0].gate", "unknown gate")]
    [InlineData("  definitions:\n    - name: a\n      hosts: {pool: nope}\n      steps: [{agent: x}]\n", "pool: nope", "plans.definitions[0].hosts.pool", "no pool named \"nope\"")]
    [InlineData("  definitions:\n    - name: a\n      hosts: [lb-1]\n      steps: [{agent: x}]\n    - name: a # again\n      hosts: [lb-2]\n      steps: [{agent: y}]\n", "# again", "plans.definitions[1].name", "duplicate plan name \"a\"")]
    [InlineData("  definitons: []\n", "definitons", "plans.definitons", "unknown key")]
    public void BadPlansSection_IsAConfigError_NamingLineAndKey(string plans, string marker, string key, string reason)
    {
        var yaml = WithPlans(plans);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(yaml, "vigil.yaml"));

        Assert.Equal(key, e.Key);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, marker), e.Line);
        Assert.StartsWith($"vigil.yaml:{e.Line}: {key}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DocsExamples_LoadAndValidate_WithoutErrorsOrWarnings()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Vigil.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("repository root not found");
        }
        var examples = Path.Combine(root, "docs", "examples");
        var config = ConfigLoader.LoadFile(Path.Combine(examples, "seed-vigil.yaml"));
        Assert.Equal("reboot-lb-config", Assert.Single(config.Plans.Definitions).Name);

        foreach (var file in new[] { "reboot-lb.yaml", "restart-web.yaml" })
        {
            var plan = PlanReader.Read(File.ReadAllText(Path.Combine(examples, file)), file);
            var check = PlanValidator.Check(plan, config);
            Assert.True(check.Errors.Count == 0 && check.Warnings.Count == 0, string.Join("\n", check.Errors.Concat(check.Warnings)));
        }
        // The plan shown in plans.md is the example file's, comments and all.
        var docs = File.ReadAllText(Path.Combine(root, "docs", "plans.md"));
        var example = File.ReadAllText(Path.Combine(examples, "reboot-lb.yaml"));
        Assert.Contains(example[example.IndexOf("name: reboot-lb", StringComparison.Ordinal)..], docs, StringComparison.Ordinal);
    }
}
