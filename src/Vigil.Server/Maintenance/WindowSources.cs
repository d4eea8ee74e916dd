namespace Vigil.Server.Maintenance;

/// <summary>Where a window was defined.</summary>
internal static class WindowSources
{
    public const string Api = "api";

    public const string Config = "config";
}
