using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>
/// The walk-through of docs/incidents.md, run as a new user runs it: docs/examples/try-incidents.sh lets a customer
/// probe fail against a stopped port, and the incident must open by itself, page its commander, show on /status, carry
/// a note, a vendor ticket acknowledged through its link and a public update, and end with a postmortem in Pacific time.
/// </summary>
public sealed class TryIncidentsScriptTests
{
    [Fact]
    public async Task TryIncidentsScript_FromTheDocs_OpensPagesPublishesAndWritesThePostmortem()
    {
        var (exitCode, text) = await ExampleScript.RunAsync("try-incidents.sh", ports: 2, TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, text);
        Assert.Contains("alice was paged: SEV1 incident #1: Customers cannot reach the shop", text, StringComparison.Ordinal);
        Assert.Contains("Shop: major_outage", text, StringComparison.Ordinal);
        Assert.Contains("the vendor acknowledged through", text, StringComparison.Ordinal);
        Assert.Contains("public: Customers cannot reach the shop — We are investigating", text, StringComparison.Ordinal);
        Assert.Contains("## Timeline (all times in America/Los_Angeles", text, StringComparison.Ordinal);
        Assert.Contains("- [ ] mount /data with nofail and verify it after every boot — owner alice, due 2030-01-31", text, StringComparison.Ordinal);
    }
}
