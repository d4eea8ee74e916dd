namespace Vigil.Drill.Simulation;

/// <summary>A hash that is the same in every process (string.GetHashCode is randomized per process): FNV-1a.</summary>
internal static class StableHash
{
    public static uint Of(int seed, string text)
    {
        var h = 2166136261u ^ (uint)seed;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }
        return h;
    }
}
