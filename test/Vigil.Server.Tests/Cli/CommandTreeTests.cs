using System.CommandLine;
using Vigil.Cli;

namespace Vigil.Server.Tests.Cli;

/// <summary>The whole <c>vigil</c> command tree as <c>--help</c> shows it: every option once, every command described.</summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void EveryCommand_ListsEachOptionOnce_IncludingThoseItInheritsFromItsParents()
    {
        var repeated = new List<string>();
        Walk(VigilCli.Create(), [], repeated);
        Assert.True(repeated.Count == 0, "options listed twice in --help: " + string.Join("; ", repeated));
    }

    [Fact]
    public void EveryCommand_HasADescription()
    {
        var bare = new List<string>();
        Describe(VigilCli.Create(), "vigil", bare);
        Assert.True(bare.Count == 0, "commands without a description: " + string.Join(", ", bare));
    }

    [Fact]
    public void VigilServer_IsParsedByItsOwnCommandAlone_AsTheWholeTreeWouldParseIt_AndOtherVerbsGetTheWholeTree()
    {
        string[] args = ["server", "--listen", "127.0.0.1:9999", "--data", "d", "--log-format", "json"];
        var alone = VigilCli.For(args);
        var whole = VigilCli.Create();

        Assert.Equal(["server"], alone.Subcommands.Select(c => c.Name));
        var (fromAlone, fromWhole) = (alone.Parse(args), whole.Parse(args));
        Assert.Empty(fromAlone.Errors);
        Assert.Equal(fromWhole.CommandResult.Command.Options.Select(o => o.Name), fromAlone.CommandResult.Command.Options.Select(o => o.Name));
        Assert.Equal("127.0.0.1:9999", fromAlone.GetValue<string>("--listen"));
        Assert.Equal("json", fromAlone.GetValue<string>("--log-format"));
        Assert.NotEmpty(alone.Parse(["server", "--log-format", "xml"]).Errors);
        Assert.Equal(whole.Subcommands.Select(c => c.Name), VigilCli.For(["alerts"]).Subcommands.Select(c => c.Name));
        Assert.Equal(whole.Subcommands.Select(c => c.Name), VigilCli.For([]).Subcommands.Select(c => c.Name));
    }

    private static void Walk(Command command, IReadOnlyList<Option> inherited, List<string> repeated)
    {
        var shown = inherited.Concat(command.Options).ToList();
        foreach (var name in shown.Select(o => o.Name).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            repeated.Add($"{command.Name}: {name}");
        }
        var passedDown = inherited.Concat(command.Options.Where(o => o.Recursive)).ToList();
        foreach (var sub in command.Subcommands)
        {
            Walk(sub, passedDown, repeated);
        }
    }

    private static void Describe(Command command, string path, List<string> bare)
    {
        if (string.IsNullOrWhiteSpace(command.Description))
        {
            bare.Add(path);
        }
        foreach (var sub in command.Subcommands)
        {
            Describe(sub, $"{path} {sub.Name}", bare);
        }
    }
}
