namespace Vigil.Drill;

/// <summary>Marks the assembly behind `vigil drill` and `vigil demo` (scenarios, simulated fleet, virtual clock).</summary>
internal static class DrillAssembly
{
    public const string Name = "Vigil.Drill";
}
