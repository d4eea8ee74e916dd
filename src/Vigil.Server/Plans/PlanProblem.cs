namespace Vigil.Server.Plans;

/// <summary>
/// Something wrong with a plan that reading alone cannot see (an unknown pool, a reboot nobody waits for), where it
/// is: the source, the 1-based line (0: no position) and the full key path.
/// </summary>
public sealed record PlanProblem(string Source, int Line, string Key, string Reason)
{
    /// <summary>As a configuration error is shown: <c>reboot.yaml:14: steps[3]: reason</c>.</summary>
    public override string ToString()
    {
        var position = Line > 0 ? $"{Source}:{Line}" : Source;
        return Key.Length > 0 ? $"{position}: {Key}: {Reason}" : $"{position}: {Reason}";
    }
}
