using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Contracts.Agents;
using Vigil.Server.Audit;
using Vigil.Server.Labels;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Tests.Plans;

/// <summary>
/// The stored run's JSON. The codec's shapes are generated at compile time; runs stored by the versions that built them
/// with reflection must read back and be written again as the same text, or a restart after an upgrade would not resume them.
/// </summary>
public sealed class PlanRunCodecTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    // The options the codec used before its shapes were generated: the same settings, shapes found by reflection.
    private static readonly JsonSerializerOptions Reflection = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new StoredMatcher() },
    };

    private static PlanRun HaltedRun()
    {
        var plan = new PlanDefinition
        {
            Name = "lb-reboot",
            Description = "rolling reboot of the load balancers",
            Targets = new PlanTargets { Pool = "web", Matchers = [.. MatcherParser.ParseStoredList("host=~\"lb-.*\"")] },
            Serial = new PlanSerial([new SerialSize(1, false), new SerialSize(25, true)]),
            MaxFail = 0,
            Window = new PlanWindow { Watcher = "alice", Backup = "bob", Announcement = "reboots", Schedule = "ops" },
            Steps =
            [
                new PlanStep { Kind = PlanStepKind.Gate, What = "no_firing", Matchers = [.. MatcherParser.ParseStoredList("severity=\"critical\"")], HostScoped = true, Line = 9 },
                new PlanStep { Kind = PlanStepKind.Agent, What = "reboot", Timeout = TimeSpan.FromMinutes(2), Line = 11 },
                new PlanStep { Kind = PlanStepKind.Verify, What = "probe", Probe = "shop", Timeout = TimeSpan.FromSeconds(90), Line = 12 },
                new PlanStep { Kind = PlanStepKind.Wait, What = "duration", Duration = TimeSpan.FromSeconds(30), Line = 13 },
                new PlanStep { Kind = PlanStepKind.Webhook, What = "webhook", Url = new Uri("http://127.0.0.1:9/hook"), Body = "{\"run\": \"{{ run }}\"}", Line = 14 },
            ],
            Source = "name: lb-reboot\n",
            SourceName = "plans/lb.yaml",
            KeyPath = "plans[0]",
            Lines = new Dictionary<string, int> { ["steps[0]"] = 9, ["steps[1]"] = 11 },
        };
        var run = RunRules.Create("run-1", plan, ["lb-1", "lb-2"], "alice", T0).Next;
        run = RunRules.Start(run, "lb-1", 0, T0).Next;
        run = RunRules.Apply(run, "lb-1", 0, Observation.Pass("nothing firing"), T0.AddSeconds(1)).Next;
        run = RunRules.Start(run, "lb-1", 1, T0.AddSeconds(1)).Next;
        run = RunRules.Note(run, "lb-1", 1, "a1b2", "boot-0", T0.AddSeconds(1));
        run = RunRules.Apply(run, "lb-1", 1, Observation.Fail("agent action reboot (a1b2) failed", ["exit code 1"]), T0.AddSeconds(2)).Next;
        return run with { WindowId = "w-1", PauseReason = "paused by bob", Version = 7 };
    }

    [Fact]
    public void AStoredRun_IsWrittenAsTheSameTextAsBeforeItsShapesWereGenerated()
    {
        var run = HaltedRun();
        Assert.Equal(RunState.Halted, run.State);

        Assert.Equal(JsonSerializer.Serialize(run, Reflection), PlanRunCodec.Write(run));
        Assert.Equal(JsonSerializer.Serialize(run.Hosts[0], Reflection), PlanRunCodec.WriteHost(run.Hosts[0]));
    }

    [Fact]
    public void ARunStoredByAnEarlierVersion_ReadsBackWithEverythingItHeld()
    {
        var run = HaltedRun();
        var stored = JsonSerializer.Serialize(run, Reflection);

        var read = PlanRunCodec.Read(stored);

        Assert.Equal(stored, PlanRunCodec.Write(read));
        Assert.Equal("lb-1", read.Halt!.Host);
        Assert.Equal(["exit code 1"], read.Halt.Failures);
        Assert.Equal("a1b2", read.Hosts[0].Results[1].ActionId);
        Assert.Equal("boot-0", read.Hosts[0].BootBefore);
        Assert.Equal("{host=~\"lb-.*\"}", Matcher.ListToString(read.Plan.Targets.Matchers));
        Assert.Equal(TimeSpan.FromMinutes(2), read.Plan.Steps[1].Timeout);
        Assert.Equal(new Uri("http://127.0.0.1:9/hook"), read.Plan.Steps[4].Url);
        Assert.Equal(11, read.Plan.LineOf("steps[1]"));
        Assert.Equal("25%", read.Plan.Serial.Sizes[1].ToString());
        Assert.Equal(JsonSerializer.Serialize(run.Hosts[1], Reflection), PlanRunCodec.WriteHost(PlanRunCodec.ReadHost(JsonSerializer.Serialize(run.Hosts[1], Reflection))));
    }

    [Fact]
    public void ARunAsTheApiAnswersWithIt_IsTheSameTextAsWhenItsShapesWereFoundByReflection()
    {
        var run = HaltedRun();
        var events = new[] { RunEvent.Of(run.Id, T0, "step_failed", "agent: reboot: failed", "lb-1", 1) with { Seq = 3 }, RunEvent.Of(run.Id, T0, "halted", "halted", null, null) };

        Assert.Equal(JsonSerializer.Serialize(PlanRunJson.View(run), ContractJson.Options), JsonSerializer.Serialize(PlanRunJson.View(run), AuditViewJson.Options));
        Assert.Equal(JsonSerializer.Serialize(new List<PlanRunJson.RunView> { PlanRunJson.View(run) }, ContractJson.Options),
            JsonSerializer.Serialize(new List<PlanRunJson.RunView> { PlanRunJson.View(run) }, AuditViewJson.Options));
        Assert.All(events, e => Assert.Equal(JsonSerializer.Serialize(PlanRunJson.View(e), ContractJson.Options), JsonSerializer.Serialize(PlanRunJson.View(e), AuditViewJson.Options)));
        Assert.Contains("\"halt\":{\"host\":\"lb-1\"", JsonSerializer.Serialize(PlanRunJson.View(run), AuditViewJson.Options), StringComparison.Ordinal);
    }

    private sealed class StoredMatcher : JsonConverter<Matcher>
    {
        public override Matcher Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            MatcherParser.ParseStoredList(reader.GetString()!)[0];

        public override void Write(Utf8JsonWriter writer, Matcher value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Matcher.ListToString([value]));
    }
}
