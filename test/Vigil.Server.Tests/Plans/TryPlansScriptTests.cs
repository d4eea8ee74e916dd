using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary>
/// The walk-through of docs/plans.md, run as a new user runs it: docs/examples/try-plans.sh starts a real HAProxy, two
/// backends, the server and two agents, and runs a plan under client traffic. It must succeed with no failed request.
/// </summary>
public sealed class TryPlansScriptTests
{
    [Fact]
    public async Task TryPlansScript_FromTheDocs_RunsThePlanToSuccess_WithZeroFailedClientRequests()
    {
        var (exitCode, text) = await ExampleScript.RunAsync("try-plans.sh", ports: 3, TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, text);
        Assert.Matches(@"client: [1-9]\d* requests through HAProxy, 0 failed", text);
        Assert.Contains("succeeded", text, StringComparison.Ordinal);
    }
}
