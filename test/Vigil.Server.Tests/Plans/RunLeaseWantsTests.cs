using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Tests.Plans;

/// <summary>Which open runs a node asks for the lease of: its own at once, another node's new ones from its second look.</summary>
public sealed class RunLeaseWantsTests
{
    [Fact]
    public void AtTheNodesStart_EveryOpenRunIsWanted()
    {
        var wants = new RunLeaseWants();
        Assert.Equal(["run-a", "run-b"], wants.Passed(wants.Mark(), ["run-b", "run-a"]));
    }

    [Fact]
    public void ARunStartedThroughAnotherNode_IsWantedOnlyFromTheNextPass_ThatSeesItAgain()
    {
        var wants = new RunLeaseWants();
        wants.Passed(wants.Mark(), ["run-a"]);

        Assert.Equal(["run-a"], wants.Passed(wants.Mark(), ["run-a", "run-new"]));
        Assert.Equal(["run-a", "run-new"], wants.Passed(wants.Mark(), ["run-a", "run-new"]));
    }

    [Fact]
    public void ARunThisNodeStarted_IsWantedAtOnce_AndKeptByAPassWhoseReadBeganBeforeIt()
    {
        var wants = new RunLeaseWants();
        wants.Passed(wants.Mark(), []);
        var mark = wants.Mark();

        Assert.Equal(["run-mine"], wants.Changed("run-mine", open: true));
        Assert.Null(wants.Changed("run-mine", open: true));
        // The pass read the runs before run-mine was stored: it keeps it.
        Assert.Equal(["run-mine"], wants.Passed(mark, []));
        Assert.Equal(["run-mine"], wants.Passed(wants.Mark(), ["run-mine"]));
    }

    [Fact]
    public void ARunNoLongerOpen_IsLetGo_ByThisNodesChangeOrByThePassThatNoLongerReadsIt()
    {
        var wants = new RunLeaseWants();
        wants.Passed(wants.Mark(), ["run-a", "run-b"]);

        Assert.Equal(["run-b"], wants.Changed("run-a", open: false));
        Assert.Empty(wants.Passed(wants.Mark(), []));
    }
}
