namespace Vigil.Server.Heartbeats;

/// <summary>Where a heartbeat was defined.</summary>
public static class HeartbeatSources
{
    public const string Config = "config";

    public const string Api = "api";
}
