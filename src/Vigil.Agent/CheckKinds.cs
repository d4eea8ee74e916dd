namespace Vigil.Agent;

/// <summary>The <c>check</c> label of each kind of check the agent runs.</summary>
internal static class CheckKinds
{
    public const string Mount = "mount";
    public const string Systemd = "systemd";
    public const string Process = "process";
    public const string Route = "route";
    public const string Listen = "listen";
    public const string Disk = "disk";
    public const string Command = "command";
}
