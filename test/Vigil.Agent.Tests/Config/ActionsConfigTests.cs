using System.Security.Cryptography;
using Vigil.Agent.Config;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Tests.Config;

public sealed class ActionsConfigTests
{
    private static readonly string Key = ActionSigning.PublicKeyOf(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    [Fact]
    public void Actions_AreWrittenLikeCommands_WithAnOptionalTimeout()
    {
        var config = AgentConfigReader.Load($"""
            server_key: {Key}
            state_dir: /srv/vigil
            actions:
              reboot: [systemctl, reboot]
              mount-all: {"{"}run: [mount, -a], timeout: 2m{"}"}
              restart-unicorn: systemctl restart unicorn
            """, "agent.yaml");

        Assert.Equal(["reboot", "mount-all", "restart-unicorn"], config.Actions.Select(a => a.Name));
        Assert.Equal(["systemctl", "reboot"], config.Actions[0].Argv);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Actions[0].Timeout);
        Assert.Equal(TimeSpan.FromMinutes(2), config.Actions[1].Timeout);
        Assert.Equal(["/bin/sh", "-c", "systemctl restart unicorn"], config.Actions[2].Argv);
        Assert.Equal([Key], config.ServerKeys);
        Assert.Equal("/srv/vigil", config.StateDir);
    }

    [Theory]
    [InlineData("actions:\n  reboot: [systemctl, reboot]\n", "agent.yaml:2: server_key: is required with actions")]
    [InlineData("server_key: nope\n", "agent.yaml:1: server_key: not a server action key")]
    [InlineData("server_key: KEY\nactions:\n  Reboot Now: [systemctl, reboot]\n", "agent.yaml:3: actions.Reboot Now: an action name is")]
    [InlineData("server_key: KEY\nactions:\n  reboot: {run: [systemctl, reboot], after: 5s}\n", "agent.yaml:3: actions.reboot.after: unknown key")]
    [InlineData("server_key: KEY\nactions:\n  reboot: []\n", "agent.yaml:3: actions.reboot: is empty")]
    [InlineData("server_key: KEY\nactions: [reboot]\n", "agent.yaml:2: actions: expected a mapping")]
    public void BadActions_AreRefusedWithLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<AgentConfigException>(() => AgentConfigReader.Load(yaml.Replace("KEY", Key, StringComparison.Ordinal), "agent.yaml"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
