using Vigil.Server.Pools;

namespace Vigil.Server.Tests.Pools;

/// <summary>Reads of HAProxy that reuse what the read before made, where nothing changed.</summary>
public sealed class ReadInternerTests
{
    [Fact]
    public void ASecondShowStat_WithNothingChanged_GivesTheSameRows_AndReadsAsWithoutReuse()
    {
        var interner = new ReadInterner();
        var reply = RuntimeFixtures.Read("show-stat.txt");

        var first = StatCsv.Parse(reply, "web", interner).Value!;
        var second = StatCsv.Parse(reply, "web", interner).Value!;

        Assert.Equal(StatCsv.Parse(reply, "web").Value!, first);
        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public void AMemberThatChanged_GetsANewRowWithItsNewState_TheOthersKeepTheirs()
    {
        var interner = new ReadInterner();
        string Csv(string s2Status, int s2Sessions) =>
            "# pxname,svname,qcur,scur,status,check_status,check_code,check_desc,\n"
            + "web,s1,0,3,UP,L7OK,200,Layer7 check passed,\n"
            + $"web,s2,0,{s2Sessions},{s2Status},L7OK,200,Layer7 check passed,\n\n";

        var before = StatCsv.Parse(Csv("UP", 4), "web", interner).Value!;
        var after = StatCsv.Parse(Csv("DRAIN", 0), "web", interner).Value!;

        Assert.Same(before[0], after[0]);
        Assert.NotSame(before[1], after[1]);
        Assert.Equal((ServerStatus.Up, 4), (before[1].Status, before[1].CurrentSessions));
        Assert.Equal((ServerStatus.Drain, "DRAIN", 0), (after[1].Status, after[1].StatusText, after[1].CurrentSessions));
        // The strings the new row shares with the old one are the old one's.
        Assert.Same(before[1].Server, after[1].Server);
        Assert.Same(before[1].CheckDescription, after[1].CheckDescription);
    }

    [Fact]
    public void ASecondShowServersState_WithNothingChanged_GivesTheSameRows_AChangedAdminStateANewOne()
    {
        var interner = new ReadInterner();
        var reply = RuntimeFixtures.Read("show-servers-state-web.txt");
        var first = ServersStateTable.Parse(reply, "web", interner).Value!;
        var second = ServersStateTable.Parse(reply, "web", interner).Value!;

        Assert.Equal(ServersStateTable.Parse(reply, "web").Value!, first);
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));

        // web-1 drained (admin flag 0x08) → ready (0): only its row is new.
        var lines = reply.Split('\n');
        var web1 = Array.FindIndex(lines, l => l.Split(' ').ElementAtOrDefault(3) == "web-1");
        var fields = lines[web1].Split(' ');
        fields[6] = "0";
        lines[web1] = string.Join(' ', fields);
        var third = ServersStateTable.Parse(string.Join('\n', lines), "web", interner).Value!;
        var changed = third.Single(r => r.Server == "web-1");
        Assert.Equal(AdminState.Ready, changed.Admin);
        Assert.All(third.Where(r => r.Server != "web-1"), r => Assert.Same(first.Single(f => f.Server == r.Server), r));
    }

    [Fact]
    public void AFieldLongerThanTheReadBuffer_AndMoreNamesThanTheInternerKeeps_AreStillReadWhole()
    {
        var interner = new ReadInterner();
        var longCheck = new string('x', 700) + ", \"quoted\"";
        for (var round = 0; round < 3; round++)
        {
            var csv = new System.Text.StringBuilder("# pxname,svname,qcur,scur,status,last_chk,\n");
            for (var i = 0; i < 9_000; i++)
            {
                csv.Append($"web,r{round}-s{i},0,{i % 4},UP,\"{longCheck.Replace("\"", "\"\"", StringComparison.Ordinal)}\",\n");
            }
            var rows = StatCsv.Parse(csv.ToString(), "web", interner).Value!;
            Assert.Equal(9_000, rows.Count);
            Assert.All(rows.Select((r, i) => (r, i)), x => Assert.Equal(($"r{round}-s{x.i}", x.i % 4, longCheck), (x.r.Server, x.r.CurrentSessions, x.r.LastCheck)));
        }
    }
}
