using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Plans.PlanTexts;

namespace Vigil.Server.Tests.Plans;

/// <summary><c>/api/v1/plans</c> on a real server: stored plans next to configured ones, errors naming line and key, audit.</summary>
public sealed class PlanEndpointsTests
{
    private static readonly string ConfigWithPlan = ConfigYaml + "plans:\n  definitions:\n    - " + string.Join("\n      ", Restart.TrimEnd().Split('\n')) + "\n";

    private static StringContent Yaml(string text, string type = "application/yaml") => new(text, Encoding.UTF8, type);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Plan_PostedAsYaml_IsStored_ListedAfterConfigPlans_Shown_AndAudited(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigWithPlan);

        var created = await vigil.Http.PostAsync("api/v1/plans", Yaml(Full));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var plan = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal(("reboot-lb", "api", "pool lb", 14), (plan["name"]!.ToString(), plan["source"]!.ToString(), plan["hosts"]!.ToString(), plan["steps"]!.GetValue<int>()));
        Assert.Empty(plan["warnings"]!.AsArray());

        await vigil.RestartAsync();
        var list = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/plans"))!.AsArray();
        Assert.Equal(["restart-web config", "reboot-lb api"], list.Select(p => $"{p!["name"]} {p["source"]}"));
        var shown = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/plans/reboot-lb"))!;
        Assert.Equal(Full, shown["yaml"]!.ToString());
        Assert.Equal("verify: probe shop", shown["stepList"]![11]!["text"]!.ToString());
        var configured = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/plans/restart-web"))!;
        Assert.Equal(("config", Restart.TrimEnd() + "\n"), (configured["source"]!.ToString(), configured["yaml"]!.ToString()));

        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=plan"))!.AsArray();
        var entry = Assert.Single(audit)!;
        Assert.Equal(("create", "reboot-lb"), (entry["action"]!.ToString(), entry["objectId"]!.ToString()));
        Assert.Equal(Full.Replace(HookUrl, MaskedHook, StringComparison.Ordinal), entry["after"]!["yaml"]!.ToString());
    }

    private const string HookUrl = "https://chat.example.com/hook?token=x";
    private const string MaskedHook = "https://chat.example.com/<secret>";

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AWebhookStepsUrl_IsShownToWriteTokens_AndMaskedForReadTokens_TheAuditLogAndTheStepList(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml);
        Assert.Equal(HttpStatusCode.Created, (await vigil.Http.PostAsync("api/v1/plans", Yaml(Full))).StatusCode);
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));

        var asReader = await reader.GetStringAsync("api/v1/plans/reboot-lb");
        Assert.DoesNotContain("token=x", asReader, StringComparison.Ordinal);
        Assert.DoesNotContain("/hook", asReader, StringComparison.Ordinal);
        Assert.Contains(MaskedHook, JsonNode.Parse(asReader)!["yaml"]!.ToString(), StringComparison.Ordinal);
        var asAdmin = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/plans/reboot-lb"))!;
        Assert.Equal(Full, asAdmin["yaml"]!.ToString());
        Assert.Equal("webhook: " + MaskedHook, asAdmin["stepList"]![13]!["text"]!.ToString());
        Assert.DoesNotContain("token=x", await reader.GetStringAsync("api/v1/audit?type=plan"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task BadPlan_Is400_NamingLineAndKey_AndNothingIsStored(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml);

        var syntax = Replace(Full, "    timeout: 5m", "    timeout: 5x");
        var (status, problem) = await PostAsync(vigil.Http, "api/v1/plans", Yaml(syntax, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith($"request:{LineOf(syntax, "5x")}: steps[4].timeout: not a valid duration: \"5x\"", problem["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("steps[4].timeout", problem["errors"]![0]!["key"]!.ToString());

        var semantic = Replace(Replace(Full, "hosts: {pool: lb}", "hosts: {pool: nope}"), "  - haproxy: ready\n", "");
        (status, problem) = await PostAsync(vigil.Http, "api/v1/plans", Yaml(semantic, "text/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"request:3: hosts.pool: no pool named \"nope\" (pools: has lb, web, both)", problem["detail"]!.ToString());
        Assert.Equal(["hosts.pool", "steps[3]", "steps[5]"], problem["errors"]!.AsArray().Select(e => e!["key"]!.ToString()));

        (status, problem) = await PostAsync(vigil.Http, "api/v1/plans", new StringContent("""{"yml": "name: x"}""", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, "yaml: required, the plan's YAML as a JSON string"), (status, problem["detail"]!.ToString()));
        (status, problem) = await PostAsync(vigil.Http, "api/v1/plans", Yaml(Full, "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        (status, problem) = await PostAsync(vigil.Http, "api/v1/plans", Yaml("steps:\n" + string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nested more than 64 levels", problem["detail"]!.ToString(), StringComparison.Ordinal);

        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/plans"))!.AsArray());
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=plan"))!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Names_OfConfigPlans_AreRefused_AndStoredOnesAreReplacedOnlyWhenAsked(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigWithPlan);

        var (status, problem) = await PostAsync(vigil.Http, "api/v1/plans", Yaml(Restart));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("defined in the configuration", problem["detail"]!.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(vigil.Http, "api/v1/plans", Yaml(Full))).Status);
        var changed = Replace(Full, "description: rolling reboot", "description: second version");
        (status, problem) = await PostAsync(vigil.Http, "api/v1/plans", Yaml(changed));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("?replace=true", problem["detail"]!.ToString(), StringComparison.Ordinal);
        var json = new JsonObject { ["yaml"] = changed }.ToJsonString();
        (status, _) = await PostAsync(vigil.Http, "api/v1/plans?replace=true", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("second version", JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/plans/reboot-lb"))!["description"]!.ToString());

        Assert.Equal(HttpStatusCode.Conflict, (await vigil.Http.DeleteAsync("api/v1/plans/restart-web")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.DeleteAsync("api/v1/plans/nope")).StatusCode);
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync("api/v1/plans/reboot-lb")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("api/v1/plans", Yaml(Full))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await vigil.Http.DeleteAsync("api/v1/plans/reboot-lb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync("api/v1/plans/reboot-lb")).StatusCode);

        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=plan"))!.AsArray();
        Assert.Equal(["delete", "replace", "create"], audit.Select(e => e!["action"]!.ToString()));
        Assert.Equal("second version", audit[1]!["after"]!["yaml"]!.ToString().Split('\n')[1]["description: ".Length..]);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Validate_WithAReadToken_AnswersErrorsAndWarnings_AndStoresNothing(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml);
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));

        var warned = Replace(Full, "  - verify: post_boot\n", "");
        var (status, answer) = await PostAsync(reader, "api/v1/plans/validate", Yaml(warned));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer["valid"]!.GetValue<bool>());
        Assert.Empty(answer["errors"]!.AsArray());
        var warning = Assert.Single(answer["warnings"]!.AsArray())!;
        Assert.Equal((LineOf(warned, "haproxy: ready"), "steps[8]"), (warning["line"]!.GetValue<int>(), warning["key"]!.ToString()));

        (status, answer) = await PostAsync(reader, "api/v1/plans/validate", Yaml(Replace(Full, "    probe: shop", "    probe: cart")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(answer["valid"]!.GetValue<bool>());
        Assert.Equal($"request:{LineOf(Full, "probe: shop")}: steps[11].probe: no probe named \"cart\" (see probes:)", answer["errors"]![0]!["message"]!.ToString());

        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/plans"))!.AsArray());
    }

    [Fact]
    public async Task Validate_AYamlEscapeThatIsNotACharacter_IsAnInvalidPlan_NotAServerError()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", ConfigYaml);
        var (status, answer) = await PostAsync(vigil.Http, "api/v1/plans/validate", Yaml("{\"yaml\":\"x\\udc00\\ud800y\"}", "text/plain"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(answer["valid"]!.GetValue<bool>());
        Assert.Contains("not a valid Unicode character", answer["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient http, string path, HttpContent content)
    {
        using var response = await http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }
}
