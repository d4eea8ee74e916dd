using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Drill.Tests.Demo;

/// <summary>The real <c>vigil demo</c>, started as a user would: its UI, its fleet, a fault, and Ctrl-C.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_ServesTheUi_FleetReports_LbDownRefusesThePatchPlan_AndCtrlCLeavesNothingBehind()
    {
        await using var demo = await DemoProcess.StartAsync();
        using var http = demo.Client();
        Assert.True(Directory.Exists(demo.Folder), demo.Output);
        Assert.True(File.Exists(demo.StateFile));

        using (var login = await new HttpClient().GetAsync(demo.Url + "/ui/login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        string[] fleet = ["cache-1", "db-1", "lb-1", "lb-2", "web-1", "web-2", "web-3"];
        await Waiting.UntilAsync(() => GetAsync(http, "api/v1/hosts"),
            hosts => fleet.All(h => hosts.AsArray().Any(x => x!["host"]!.ToString() == h && x["state"]!.ToString() == "up")), "every simulated host up");
        var lb = await Waiting.UntilAsync(() => GetAsync(http, "api/v1/pools/lb"), p => (int)p["healthy"]! == 2, "pool lb with 2 healthy members");
        Assert.Equal(["lb-1", "lb-2"], lb["members"]!.AsArray().Select(m => m!["server"]!.ToString()));

        var (code, said) = await demo.RunCliAsync("demo", "fault", "lb-2", "down");
        Assert.True(code == 0, said);
        Assert.Contains("lb-2 is powered off", said);
        await Waiting.UntilAsync(() => GetAsync(http, "api/v1/pools/lb"), p => (int)p["healthy"]! == 1, "pool lb down to 1 healthy member");

        var run = await PostAsync(http, "api/v1/plans/runs", new JsonObject { ["name"] = "demo-patch-lb-1" });
        var halted = await Waiting.UntilAsync(() => GetAsync(http, $"api/v1/plans/runs/{run["id"]}"),
            r => r["state"]!.ToString() is "halted" or "succeeded", "the patch plan to end");
        Assert.Equal("halted", halted["state"]!.ToString());
        Assert.Contains("below min_healthy 1", halted.ToJsonString());
        await Waiting.UntilAsync(() => Task.FromResult(demo.Output), o => o.Contains("phone of alice: triggered: Plan demo-patch-lb-1 halted on lb-1", StringComparison.Ordinal),
            "the halt's page on alice's phone");

        Assert.Equal(0, await demo.StopAsync("INT"));
        Assert.False(Directory.Exists(demo.Folder), $"{demo.Folder} is left behind");
        Assert.False(File.Exists(demo.StateFile), "the state file is left behind");
        Assert.Contains("removed", demo.Output);
    }

    [Fact]
    public async Task Demo_StoppedBySigterm_ExitsZero_AndRemovesItsFolder()
    {
        await using var demo = await DemoProcess.StartAsync();
        Assert.True(Directory.Exists(Path.Combine(demo.Folder, "hosts", "db-1", "etc")), demo.Output);

        Assert.Equal(0, await demo.StopAsync("TERM"));
        Assert.False(Directory.Exists(demo.Folder), $"{demo.Folder} is left behind");
        Assert.False(File.Exists(demo.StateFile));
    }

    [Fact]
    public async Task DemoFault_WithoutARunningDemo_SaysSoAndFails()
    {
        var state = Path.Combine(Path.GetTempPath(), $"vigil-demo-none-{Guid.NewGuid():N}.json");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { DemoProcess.VigilDll, "demo", "fault", "lb-2", "down", "--state-file", state })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = System.Diagnostics.Process.Start(psi)!;
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.Equal(1, p.ExitCode);
        Assert.Contains("no demo is running", error);
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, JsonObject body)
    {
        using var response = await http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
