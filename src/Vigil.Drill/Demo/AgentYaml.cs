namespace Vigil.Drill.Demo;

/// <summary>The <c>agent.yaml</c> of a simulated host: what its real agent checks and which actions it allows. Pure.</summary>
internal static class AgentYaml
{
    /// <summary>How often the demo's agents report (a real default is 10s; shorter makes the demo lively).</summary>
    public const string Interval = "5s";

    public static string For(string host, HostRole role, string actionScript, string serverKey)
    {
        var processes = role switch
        {
            HostRole.LoadBalancer => "  - {name: haproxy, comm: haproxy}",
            HostRole.Cache => "  - {name: redis, comm: redis-server}",
            HostRole.Database => "  - {name: postgres, comm: postgres}",
            _ => "  - {name: unicorn-workers, cmdline: 'unicorn worker', min: 2}",
        };
        var restart = role == HostRole.Web ? $"\n  restart-unicorn: {{run: [/bin/sh, {actionScript}, restart-unicorn], timeout: 60s}}" : "";
        return $"""
            # The agent of the simulated host {host} (vigil demo). Its root is this folder's parent's parent.
            host: {host}
            interval: {Interval}
            systemd: {"{"}enabled: false{"}"}
            processes:
            {processes}
            actions:
              reboot: {"{"}run: [/bin/sh, {actionScript}, reboot], timeout: 60s{"}"}
              mount-all: {"{"}run: [/bin/sh, {actionScript}, mount-all], timeout: 60s{"}"}{restart}
            server_key: {serverKey}

            """;
    }
}
