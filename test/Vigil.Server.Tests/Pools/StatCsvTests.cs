using Vigil.Server.Pools;

namespace Vigil.Server.Tests.Pools;

/// <summary><c>show stat</c> as HAProxy 2.6 prints it: every state a member can be in, read by column name.</summary>
public sealed class StatCsvTests
{
    [Fact]
    public void ShowStat_ReadsEveryServerOfTheBackend_WithStatusCheckAndSessions()
    {
        var result = StatCsv.Parse(RuntimeFixtures.Read("show-stat.txt"), "web");
        Assert.True(result.Ok, result.Error?.Message);
        var rows = result.Value!.ToDictionary(s => s.Server);
        Assert.Equal(["web-1", "web-2", "web-3", "web-4", "web-5", "web-6"], result.Value!.Select(s => s.Server));

        Assert.Equal((ServerStatus.Drain, "DRAIN", "L7OK", "200"), (rows["web-1"].Status, rows["web-1"].StatusText, rows["web-1"].CheckStatus, rows["web-1"].CheckCode));
        Assert.Equal((ServerStatus.Down, "L4CON", "Layer4 connection problem", "Connection refused"),
            (rows["web-2"].Status, rows["web-2"].CheckStatus, rows["web-2"].CheckDescription, rows["web-2"].LastCheck));
        Assert.Equal((ServerStatus.Up, 1, true), (rows["web-3"].Status, rows["web-3"].CurrentSessions, rows["web-3"].FullyUp));
        Assert.Equal((ServerStatus.NoCheck, "no check", null, true), (rows["web-4"].Status, rows["web-4"].StatusText, rows["web-4"].CheckStatus, rows["web-4"].FullyUp));
        Assert.Equal(ServerStatus.Maint, rows["web-5"].Status);
        Assert.False(rows["web-5"].FullyUp);
        Assert.Equal((1, 0, (int?)null), (rows["web-6"].Weight!.Value, rows["web-6"].QueuedRequests, rows["web-6"].ThrottlePercent));
    }

    [Fact]
    public void ShowStat_RightAfterReady_IsUpButNotFullyRisen()
    {
        var rows = StatCsv.Parse(RuntimeFixtures.Read("show-stat-after-ready.txt"), "web").Value!.ToDictionary(s => s.Server);
        Assert.Equal((ServerStatus.Up, "UP 1/2", false), (rows["web-5"].Status, rows["web-5"].StatusText, rows["web-5"].FullyUp));
        Assert.True(rows["web-3"].FullyUp);
    }

    [Fact]
    public void ShowStat_OfAnotherBackend_LeavesTheseServersOut()
    {
        var api = StatCsv.Parse(RuntimeFixtures.Read("show-stat.txt"), "api").Value!;
        var only = Assert.Single(api);
        Assert.Equal(("api-1", "L4OK"), (only.Server, only.CheckStatus));
        Assert.Empty(StatCsv.Parse(RuntimeFixtures.Read("show-stat.txt"), "nope").Value!);
    }

    [Fact]
    public void ShowStat_ForAMissingProxy_IsNotFound()
    {
        var result = StatCsv.Parse(RuntimeFixtures.Read("show-stat-no-such-proxy.txt"), "nope");
        Assert.Equal(RuntimeErrorKind.NotFound, result.Error!.Kind);
    }

    [Theory]
    [InlineData("UP", ServerStatus.Up)]
    [InlineData("UP 1/2", ServerStatus.Up)]
    [InlineData("DOWN 1/2", ServerStatus.Down)]
    [InlineData("DOWN (agent)", ServerStatus.Down)]
    [InlineData("NOLB", ServerStatus.Nolb)]
    [InlineData("MAINT (via web/web-1)", ServerStatus.Maint)]
    [InlineData("MAINT (resolution)", ServerStatus.Maint)]
    [InlineData("DRAIN (agent)", ServerStatus.Drain)]
    [InlineData("no check", ServerStatus.NoCheck)]
    [InlineData("no", ServerStatus.Other)]
    [InlineData("", ServerStatus.Other)]
    public void Status_IsReadFromItsFirstWord(string text, ServerStatus expected) => Assert.Equal(expected, StatCsv.StatusOf(text));

    [Fact]
    public void ShowStat_QuotedFieldsWithCommas_StayOneField()
    {
        var csv = "# pxname,svname,qcur,scur,status,check_status,last_chk,weight,\n"
            + "web,s1,0,2,DOWN,L7STS,\"HTTP status check returned code <3C>503<3E>, \"\"bad\"\"\",1,\n\n";
        var row = Assert.Single(StatCsv.Parse(csv, "web").Value!);
        Assert.Equal(("HTTP status check returned code <3C>503<3E>, \"bad\"", 1), (row.LastCheck, row.Weight!.Value));
    }

    [Fact]
    public void ShowStat_OfALargePoolAmongOtherProxies_ReadsEachOfItsMembersFromItsOwnColumns()
    {
        // As HAProxy prints a backend of 500: ~100 columns, most of them empty or unread, quoted fields among them.
        var header = "# pxname,svname,qcur,qmax,scur,smax," + string.Join(",", Enumerable.Range(0, 40).Select(i => $"x{i}")) + ",status,weight,throttle," +
            "check_status,check_code,check_desc,last_chk," + string.Join(",", Enumerable.Range(40, 50).Select(i => $"x{i}")) + ",\n";
        var csv = new System.Text.StringBuilder(header);
        string Row(string px, string sv, int scur, string status, string last) =>
            $"{px},{sv},0,0,{scur},9," + string.Join(",", Enumerable.Range(0, 40).Select(i => i % 7 == 0 ? "\"a,\"\"b\"\"\"" : "")) +
            $",{status},1,,L7OK,200,Layer7 check passed,{last}," + string.Join(",", Enumerable.Range(40, 50).Select(_ => "")) + ",\n";
        csv.Append(Row("api", "api-1", 3, "UP", ""));
        for (var i = 0; i < 500; i++)
        {
            csv.Append(Row("web", $"w{i:D3}", i % 5, i % 3 == 0 ? "DRAIN" : "UP", i % 2 == 0 ? "\"OK, \"\"fine\"\"\"" : ""));
        }
        csv.Append("web,BACKEND,0,0,12,9,").Append(new string(',', 95)).Append('\n');

        var rows = StatCsv.Parse(csv.ToString(), "web").Value!;

        Assert.Equal(500, rows.Count);
        for (var i = 0; i < 500; i++)
        {
            var row = rows[i];
            Assert.Equal(($"w{i:D3}", i % 5, i % 3 == 0 ? ServerStatus.Drain : ServerStatus.Up, "L7OK", "200", "Layer7 check passed", 1),
                (row.Server, row.CurrentSessions, row.Status, row.CheckStatus, row.CheckCode, row.CheckDescription, row.Weight!.Value));
            Assert.Equal(i % 2 == 0 ? "OK, \"fine\"" : null, row.LastCheck);
            Assert.Null(row.ThrottlePercent);
        }
    }

    [Fact]
    public void ShowStat_CheckInProgress_HasItsLastStatusAndNoCode()
    {
        var csv = "# pxname,svname,qcur,scur,status,check_status,check_code,\n" + "web,s1,0,0,UP,* L7OK,0,\n\n";
        var row = Assert.Single(StatCsv.Parse(csv, "web").Value!);
        Assert.Equal(("L7OK", (string?)null), (row.CheckStatus, row.CheckCode));
    }

    [Fact]
    public void ShowStat_Garbage_IsABadReply()
    {
        Assert.Equal(RuntimeErrorKind.BadReply, StatCsv.Parse("HTTP/1.1 400 Bad Request\r\n\r\n", "web").Error!.Kind);
        Assert.Equal(RuntimeErrorKind.UnknownCommand, StatCsv.Parse(RuntimeFixtures.Read("wait-unknown-command.txt"), "web").Error!.Kind);
    }
}
