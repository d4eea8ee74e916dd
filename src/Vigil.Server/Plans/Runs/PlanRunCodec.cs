using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Server.Labels;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// A run as the JSON stored in <c>plan_runs.body</c>: the whole value, the plan copy included, so a run always shows
/// (and resumes) exactly what it ran. Matchers are kept in their text form.
/// </summary>
public static class PlanRunCodec
{
    // The shapes come from a source-generated context: built with reflection, the first run a server started spent
    // ~40 ms building them (500 hosts, measured with a stopwatch around the first write), all of it in the first step.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new MatcherConverter() },
        TypeInfoResolver = PlanRunJsonContext.Default,
    };

    public static string Write(PlanRun run) => JsonSerializer.Serialize(run, Options);

    /// <summary>The run without its hosts: what <c>plan_runs.body</c> holds once the hosts have rows of their own.</summary>
    public static string WriteWithoutHosts(PlanRun run) => JsonSerializer.Serialize(run with { Hosts = [] }, Options);

    /// <summary>One host's progress, as a <c>plan_run_hosts</c> row holds it.</summary>
    public static string WriteHost(HostRun host) => JsonSerializer.Serialize(host, Options);

    /// <summary><see cref="WriteHost"/> as UTF-8, without the string in between.</summary>
    public static byte[] WriteHostUtf8(HostRun host) => JsonSerializer.SerializeToUtf8Bytes(host, Options);

    /// <exception cref="JsonException">The stored row cannot be read.</exception>
    public static HostRun ReadHost(string json) => JsonSerializer.Deserialize<HostRun>(json, Options) ?? throw new JsonException("empty host row");

    /// <exception cref="JsonException">The stored body cannot be read (damaged, or from another version).</exception>
    public static PlanRun Read(string json) => JsonSerializer.Deserialize<PlanRun>(json, Options) ?? throw new JsonException("empty run body");

    private sealed class MatcherConverter : JsonConverter<Matcher>
    {
        public override Matcher Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            MatcherParser.ParseStoredList(reader.GetString() ?? throw new JsonException("matcher: null")) is [var m] ? m : throw new JsonException("matcher: not one matcher");

        public override void Write(Utf8JsonWriter writer, Matcher value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Matcher.ListToString([value]));
    }
}

/// <summary>The stored run's shapes, generated at compile time (the codec's options add the naming and the converters).</summary>
[JsonSerializable(typeof(PlanRun))]
[JsonSerializable(typeof(HostRun))]
internal sealed partial class PlanRunJsonContext : JsonSerializerContext;
