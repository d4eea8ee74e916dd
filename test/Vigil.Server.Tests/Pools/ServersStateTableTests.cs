using Vigil.Server.Pools;

namespace Vigil.Server.Tests.Pools;

/// <summary><c>show servers state</c>: what an operator set, even when <c>show stat</c> shows only DOWN.</summary>
public sealed class ServersStateTableTests
{
    [Fact]
    public void ServersState_ReadsAdminStateOfEachServer()
    {
        var result = ServersStateTable.Parse(RuntimeFixtures.Read("show-servers-state-web.txt"), "web");
        Assert.True(result.Ok, result.Error?.Message);
        var rows = result.Value!.ToDictionary(r => r.Server);
        Assert.Equal(6, rows.Count);
        Assert.Equal((AdminState.Drain, 2), (rows["web-1"].Admin, rows["web-1"].OperationalState));
        Assert.Equal((AdminState.Ready, 0), (rows["web-2"].Admin, rows["web-2"].OperationalState));
        Assert.Equal((AdminState.Maint, 1), (rows["web-5"].Admin, rows["web-5"].AdminFlags));
        Assert.Equal(5, rows["web-6"].CheckHealth);
    }

    [Fact]
    public void ServersState_WithCrLfLineEndingsAndBlankLines_ReadsTheSameRows()
    {
        var reply = RuntimeFixtures.Read("show-servers-state-web.txt");
        var crlf = ServersStateTable.Parse("\r\n" + reply.Replace("\n", "\r\n\r\n", StringComparison.Ordinal), "web");
        Assert.True(crlf.Ok, crlf.Error?.Message);
        Assert.Equal(ServersStateTable.Parse(reply, "web").Value!, crlf.Value!);
    }

    [Theory]
    [InlineData("2\n# be_id be_name srv_id srv_name\n", "unexpected answer to show servers state: \"2\"")]
    [InlineData("1\n# be_id be_name srv_id srv_name\n", "lacks be_name, srv_name, srv_op_state or srv_admin_state")]
    [InlineData("1\nbe_id be_name\n", "unexpected answer to show servers state: \"1\"")]
    public void ServersState_NotInItsFormat_IsABadReplySayingWhy(string reply, string says)
    {
        var error = ServersStateTable.Parse(reply, "web").Error!;
        Assert.Equal(RuntimeErrorKind.BadReply, error.Kind);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServersState_OfAllBackends_KeepsOnlyTheOneAskedFor()
    {
        var rows = ServersStateTable.Parse(RuntimeFixtures.Read("show-servers-state-all.txt"), "api").Value!;
        Assert.Equal("api-1", Assert.Single(rows).Server);
    }

    [Theory]
    [InlineData(0, AdminState.Ready)]
    [InlineData(1, AdminState.Maint)]
    [InlineData(2, AdminState.Maint)]
    [InlineData(8, AdminState.Drain)]
    [InlineData(0x10, AdminState.Drain)]
    [InlineData(8 | 1, AdminState.Maint)]
    [InlineData(0x20, AdminState.Maint)]
    [InlineData(0x40, AdminState.Ready)]
    public void AdminFlags_MaintOutranksDrain(int flags, AdminState expected) =>
        Assert.Equal(expected, new ServerStateRow("web", "s1", 2, flags, 3).Admin);

    [Fact]
    public void ServersState_ForAMissingBackend_IsNotFound() =>
        Assert.Equal(RuntimeErrorKind.NotFound, ServersStateTable.Parse(RuntimeFixtures.Read("servers-state-no-such-backend.txt"), "nope").Error!.Kind);
}
