using Vigil.Agent.Config;

namespace Vigil.Agent.Tests.Config;

public sealed class AgentConfigReaderTests
{
    [Fact]
    public void Load_FullExample_ReadsEverySection()
    {
        var config = AgentConfigReader.Load("""
            host: web-1
            interval: 5s
            mounts: {ignore: [/boot/efi]}
            systemd: {failed_units_file: /tmp/failed.txt}
            processes:
              - {name: unicorn-workers, cmdline: 'unicorn worker', min: 4}
            network: {default_route: true, listen: [22, 8080]}
            disk:
              - {path: /, max_used_percent: 90}
            commands:
              - {name: ping-db, run: [/bin/true], timeout: 2s}
              - {name: shell, run: "exit 0"}
            """, "agent.yaml");
        Assert.Equal("web-1", config.Host);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Interval);
        Assert.Contains("/boot/efi", config.IgnoreMounts);
        Assert.Equal(4, config.Processes.Single().Min);
        Assert.Equal([22, 8080], config.ListenPorts);
        Assert.Equal(90, config.Disks.Single().MaxUsedPercent);
        Assert.Equal(["/bin/sh", "-c", "exit 0"], config.Commands[1].Argv);
    }

    [Fact]
    public void Load_UnknownKey_NamesLineAndKey()
    {
        var e = Assert.Throws<AgentConfigException>(() => AgentConfigReader.Load("interval: 5s\nnetwork:\n  listen_ports: [22]\n", "agent.yaml"));
        Assert.StartsWith("agent.yaml:3: network.listen_ports: unknown key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadPort_NamesTheItem()
    {
        var e = Assert.Throws<AgentConfigException>(() => AgentConfigReader.Load("network: {listen: [22, http]}", "a.yaml"));
        Assert.Contains("network.listen[1]", e.Message, StringComparison.Ordinal);
    }
}
