using System.Text.RegularExpressions;
using Vigil.Agent.Processes;

namespace Vigil.Agent.Tests.Processes;

public sealed class ProcessRulesTests
{
    private static readonly ProcessInfo[] Running =
    [
        new(100, "ruby", "unicorn master -c /etc/unicorn.rb"),
        new(101, "ruby", "unicorn worker[0] -c /etc/unicorn.rb"),
        new(102, "ruby", "unicorn worker[1] -c /etc/unicorn.rb"),
        new(103, "sshd", "/usr/sbin/sshd -D"),
    ];

    [Fact]
    public void Check_TooFewUnicornWorkers_Fails()
    {
        var spec = new ProcessSpec("unicorn-workers", null, new Regex("unicorn worker"), 4, null);
        var result = ProcessRules.Check(Running, [spec]).Single();
        Assert.False(result.Passed);
        Assert.Equal("2 running, expected >= 4", result.Message);
    }

    [Fact]
    public void Check_ByComm_CountsExactName() =>
        Assert.True(ProcessRules.Check(Running, [new ProcessSpec("sshd", "sshd", null, 1, 1)]).Single().Passed);

    [Fact]
    public void Check_AboveMax_Fails() =>
        Assert.False(ProcessRules.Check(Running, [new ProcessSpec("ruby", "ruby", null, 1, 2)]).Single().Passed);
}
