namespace Vigil.Agent.Systemd;

/// <summary>Parses what <c>systemctl</c> prints: failed units (<c>list-units --state=failed --plain --no-legend</c>) and <c>is-system-running</c>.</summary>
internal static class SystemdOutput
{
    public static IReadOnlyList<string> FailedUnits(string text) =>
        [.. text.Split('\n')
            .Select(l => l.Trim().TrimStart('●', '*', ' '))
            .Where(l => l.Length > 0)
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0])
            .Where(u => u.Contains('.', StringComparison.Ordinal))];

    public static string SystemState(string text) => text.Trim().Split('\n')[0].Trim();
}
