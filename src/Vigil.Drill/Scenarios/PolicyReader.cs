using Vigil.Server.Config;

namespace Vigil.Drill.Scenarios;

/// <summary>Reads <c>policy:</c> — <c>all: off</c> and/or each guardrail on or off.</summary>
internal static class PolicyReader
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "all", "silence_guardrails", "window_scoping", "plan_gates", "post_boot_verification",
    };

    public static PolicyToggles Read(YamlCursor node)
    {
        var p = node.Map(Known);
        var all = p.Get("all")?.Bool() ?? true;
        return new PolicyToggles(
            p.Get("silence_guardrails")?.Bool() ?? all,
            p.Get("window_scoping")?.Bool() ?? all,
            p.Get("plan_gates")?.Bool() ?? all,
            p.Get("post_boot_verification")?.Bool() ?? all);
    }
}
