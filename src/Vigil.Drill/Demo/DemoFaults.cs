namespace Vigil.Drill.Demo;

/// <summary>The faults' names as typed on the command line (<c>down</c>, <c>no-automount</c>, …). Pure.</summary>
internal static class DemoFaults
{
    public static readonly IReadOnlyDictionary<string, DemoFault> ByName = new Dictionary<string, DemoFault>(StringComparer.Ordinal)
    {
        ["down"] = DemoFault.Down,
        ["up"] = DemoFault.Up,
        ["reboot"] = DemoFault.Reboot,
        ["unmount"] = DemoFault.Unmount,
        ["mount"] = DemoFault.Mount,
        ["no-automount"] = DemoFault.NoAutomount,
        ["kill-unicorn"] = DemoFault.KillUnicorn,
        ["heal"] = DemoFault.Heal,
    };

    public static string Names => string.Join(", ", ByName.Keys);
}
