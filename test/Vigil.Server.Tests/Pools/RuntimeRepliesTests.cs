using Vigil.Server.Pools;

namespace Vigil.Server.Tests.Pools;

/// <summary>The short answers: set, get weight, wait, and HAProxy's error texts, each read as a value.</summary>
public sealed class RuntimeRepliesTests
{
    [Theory]
    [InlineData("set-state-ok.txt", null)]
    [InlineData("set-state-no-such-server.txt", RuntimeErrorKind.NotFound)]
    [InlineData("set-state-no-such-backend.txt", RuntimeErrorKind.NotFound)]
    [InlineData("set-state-bad-state.txt", RuntimeErrorKind.Failed)]
    [InlineData("set-state-permission-denied.txt", RuntimeErrorKind.PermissionDenied)]
    [InlineData("wait-unknown-command.txt", RuntimeErrorKind.UnknownCommand)]
    public void SetState_Answers(string fixture, RuntimeErrorKind? expected)
    {
        var result = RuntimeReplies.Empty(RuntimeFixtures.Read(fixture));
        Assert.Equal(expected, result.Error?.Kind);
        Assert.Equal(expected is null, result.Ok);
    }

    [Fact]
    public void SetState_Refused_KeepsHAProxysWords()
    {
        var error = RuntimeReplies.Empty(RuntimeFixtures.Read("set-state-bad-state.txt")).Error!;
        Assert.Equal("'set server <srv> state' expects 'ready', 'drain' and 'maint'.", error.Message);
    }

    [Fact]
    public void GetWeight_ReadsCurrentAndInitial()
    {
        Assert.Equal(new ServerWeight(1, 1), RuntimeReplies.Weight(RuntimeFixtures.Read("get-weight.txt")).Value);
        Assert.Equal(new ServerWeight(0, 100), RuntimeReplies.Weight("0 (initial 100)\n\n").Value);
        Assert.Equal(RuntimeErrorKind.NotFound, RuntimeReplies.Weight(RuntimeFixtures.Read("get-weight-no-such-server.txt")).Error!.Kind);
        Assert.Equal(RuntimeErrorKind.BadReply, RuntimeReplies.Weight("heavy\n\n").Error!.Kind);
    }

    // HAProxy 2.7+ answers wait with these lines (src/cli.c, cli_release_wait); 2.6 does not know the command.
    [Theory]
    [InlineData("Done.\n\n", true, null)]
    [InlineData("Wait delay expired.\n\n", false, null)]
    [InlineData("Interrupted.\n\n", false, RuntimeErrorKind.Failed)]
    [InlineData("Only servers in maintenance mode can be deleted.\n\n", false, RuntimeErrorKind.Failed)]
    [InlineData("No such server.\n\n", false, RuntimeErrorKind.NotFound)]
    public void Wait_Answers(string reply, bool removable, RuntimeErrorKind? error)
    {
        var result = RuntimeReplies.Wait(reply);
        Assert.Equal(error, result.Error?.Kind);
        Assert.Equal(removable, result.Ok && result.Value);
    }

    [Fact]
    public void Wait_OnHAProxy26_IsUnknownCommand() =>
        Assert.Equal(RuntimeErrorKind.UnknownCommand, RuntimeReplies.Wait(RuntimeFixtures.Read("wait-unknown-command.txt")).Error!.Kind);

    // Three set commands on one line, as HAProxy 2.6 answered them: each answer ends with an empty line.
    [Fact]
    public void SeveralCommandsOnOneLine_AreEachAnsweredApart()
    {
        var answers = RuntimeReplies.Split("\nNo such server.\n\n\n", 3);
        Assert.Equal(["", "No such server.", ""], answers);
        Assert.True(RuntimeReplies.Empty(answers![0]).Ok);
        Assert.Equal(RuntimeErrorKind.NotFound, RuntimeReplies.Empty(answers[1]).Error!.Kind);
    }

    [Theory]
    [InlineData("\n\n", 3)]
    [InlineData("\n\n\n\n", 3)]
    [InlineData("\nNo such server.\n", 2)]
    [InlineData("", 1)]
    public void SeveralCommandsOnOneLine_WithAnswersThatCannotBeToldApart_AreNoAnswer(string reply, int commands) =>
        Assert.Null(RuntimeReplies.Split(reply, commands));
}
