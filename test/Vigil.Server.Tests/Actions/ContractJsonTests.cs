using System.Text.Json;
using Vigil.Contracts.Agents;

namespace Vigil.Server.Tests.Actions;

/// <summary>
/// The agent contracts' wire format. Their shapes are generated at compile time; an agent of an earlier version (shapes
/// found by reflection) and a server of this one must still read each other exactly, and unknown members stay refused.
/// </summary>
public sealed class ContractJsonTests
{
    // The options both ends used before the shapes were generated.
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly AgentReport Report = new("lb-1", "boot-2", 12.5, 15,
        [new CheckResult("mount", new Dictionary<string, string> { ["mountpoint"] = "/data" }, false, "/data is not mounted",
            new Dictionary<string, string> { ["source"] = "/proc/mounts" })], "1.4.0");

    private static readonly ActionPoll Poll = new([new SignedActionRequest("eyJpZCI6ImEifQ", "c2ln", "key-1")]);

    private static readonly ActionRequest Request = new("a1b2", "lb-1", "reboot", "plan run-1", "bm9uY2U",
        new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 4, 5, 0, TimeSpan.FromHours(1)));

    [Fact]
    public void EachContract_IsWrittenAsTheTextEarlierVersionsWrote()
    {
        Assert.Equal(JsonSerializer.Serialize(Report, Reflection), JsonSerializer.Serialize(Report, ContractJson.Options));
        Assert.Equal(JsonSerializer.Serialize(Poll, Reflection), JsonSerializer.Serialize(Poll, ContractJson.Options));
        Assert.Equal(JsonSerializer.Serialize(Request, Reflection), JsonSerializer.Serialize(Request, ContractJson.Options));
        var failed = new ActionReport("failed", Message: "exit code 1", ExitCode: 1, Output: "mount: /data: not found");
        Assert.Equal(JsonSerializer.Serialize(failed, Reflection), JsonSerializer.Serialize(failed, ContractJson.Options));
        Assert.StartsWith("{\"host\":\"lb-1\",\"bootId\":\"boot-2\",\"uptimeSeconds\":12.5", JsonSerializer.Serialize(Report, ContractJson.Options));
    }

    [Fact]
    public void TheServersAnswersToReports_AreTheTextEarlierVersionsSent()
    {
        // Earlier versions answered with anonymous objects of these members.
        Assert.Equal(JsonSerializer.Serialize(new { host = "lb-1", reboot = true, alerts = 2 }, Reflection),
            JsonSerializer.Serialize(new AgentReportAccepted("lb-1", true, 2), ContractJson.Options));
        Assert.Equal(JsonSerializer.Serialize(new { id = "a1b2", accepted = true }, Reflection),
            JsonSerializer.Serialize(new ActionReportAccepted("a1b2", true), ContractJson.Options));
        Assert.Equal("""{"id":"a1b2","accepted":true}""", JsonSerializer.Serialize(new ActionReportAccepted("a1b2", true), ContractJson.Options));
    }

    [Fact]
    public void TextFromAnEarlierVersion_ReadsBackToTheSameValues()
    {
        var report = JsonSerializer.Deserialize<AgentReport>(JsonSerializer.Serialize(Report, Reflection), ContractJson.Options)!;
        Assert.Equal(JsonSerializer.Serialize(Report, Reflection), JsonSerializer.Serialize(report, Reflection));
        var request = JsonSerializer.Deserialize<ActionRequest>(JsonSerializer.Serialize(Request, Reflection), ContractJson.Options)!;
        Assert.Equal(Request, request);
        var signed = JsonSerializer.Deserialize<ActionPoll>(JsonSerializer.Serialize(Poll, Reflection), ContractJson.Options)!.Requests[0];
        Assert.Equal(Poll.Requests[0], signed);
    }

    [Fact]
    public void AMemberNoContractHas_IsRefused_AndNamesAreReadWhateverTheirCase()
    {
        var unknown = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<ActionReport>("""{"state":"running","reboot":true}""", ContractJson.Options));
        Assert.Contains("reboot", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("running", JsonSerializer.Deserialize<ActionReport>("""{"State":"running"}""", ContractJson.Options)!.State);
    }
}
