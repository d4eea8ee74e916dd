using System.Globalization;
using System.Text.Json;
using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;
using Vigil.Server.Silences;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// The one converter between Alertmanager 0.25's silence wire format (<c>postableSilence</c>,
/// <c>gettableSilence</c>, <c>matcher</c> with isRegex/isEqual) and <see cref="Silence"/>. Parse errors
/// keep go-swagger's codes and texts, which amtool prints.
/// </summary>
internal static class SilenceMapper
{
    private static readonly string[] Required = ["matchers", "startsAt", "endsAt", "createdBy", "comment"];

    public static (Silence? Silence, AlertmanagerError? Error) FromPostable(ReadOnlySpan<byte> body)
    {
        if (Hosting.JsonInput.Check(body) is { } invalid)
        {
            return (null, ParseError(invalid));
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return (null, ParseError(e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ')));
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ParseError($"json: cannot unmarshal {root.ValueKind.ToString().ToLowerInvariant()} into Go value of type models.PostableSilence"));
            }
            foreach (var name in Required)
            {
                if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
                {
                    return (null, AlertmanagerError.Required(name));
                }
            }
            try
            {
                var matchers = ReadMatchers(root.GetProperty("matchers"), out var matcherError);
                if (matcherError is not null)
                {
                    return (null, matcherError);
                }
                var id = root.TryGetProperty("id", out var idNode) && idNode.ValueKind == JsonValueKind.String ? idNode.GetString()! : "";
                return (new Silence(id, matchers!, Time(root, "startsAt"), Time(root, "endsAt"), default,
                    Text(root, "createdBy"), Text(root, "comment"), ""), null);
            }
            catch (FormatException e)
            {
                return (null, ParseError(e.Message));
            }
            catch (InvalidOperationException e)
            {
                return (null, ParseError(e.Message));
            }
        }
    }

    /// <summary>A list of matchers given as Alertmanager matcher objects (used by the native preview too).</summary>
    public static List<Matcher>? ReadMatchers(JsonElement array, out AlertmanagerError? error)
    {
        error = null;
        if (array.ValueKind != JsonValueKind.Array)
        {
            error = ParseError("matchers: json: cannot unmarshal into Go struct field of type models.Matchers");
            return null;
        }
        if (array.GetArrayLength() == 0)
        {
            error = new AlertmanagerError(422, "matchers in body should have at least 1 items", 612);
            return null;
        }
        var result = new List<Matcher>();
        var i = 0;
        foreach (var m in array.EnumerateArray())
        {
            foreach (var field in new[] { "name", "value", "isRegex" })
            {
                if (m.ValueKind != JsonValueKind.Object || !m.TryGetProperty(field, out var f) || f.ValueKind == JsonValueKind.Null)
                {
                    error = AlertmanagerError.Required($"matchers.{i}.{field}");
                    return null;
                }
            }
            var isRegex = m.GetProperty("isRegex").GetBoolean();
            var isEqual = !m.TryGetProperty("isEqual", out var eq) || eq.ValueKind == JsonValueKind.Null || eq.GetBoolean();
            var type = (isEqual, isRegex) switch
            {
                (true, false) => MatchType.Equal,
                (false, false) => MatchType.NotEqual,
                (true, true) => MatchType.Regex,
                _ => MatchType.NotRegex,
            };
            var name = m.GetProperty("name").GetString()!;
            var value = m.GetProperty("value").GetString()!;
            try
            {
                result.Add(Matcher.Create(name, type, value));
            }
            catch (FormatException e)
            {
                error = AlertmanagerError.Validation($"silence invalid: invalid label matcher {i}: {e.Message}");
                return null;
            }
            i++;
        }
        return result;
    }

    public static void WriteGettable(Utf8JsonWriter w, Silence s, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteStartObject("status");
        w.WriteString("state", SilenceRules.WireName(SilenceRules.StateAt(s, now)));
        w.WriteEndObject();
        w.WriteString("updatedAt", WireTime.Format(s.UpdatedAt));
        w.WriteString("comment", s.Comment);
        w.WriteString("createdBy", s.CreatedBy);
        w.WriteString("endsAt", WireTime.Format(s.EndsAt));
        w.WriteStartArray("matchers");
        foreach (var m in s.Matchers)
        {
            w.WriteStartObject();
            w.WriteBoolean("isEqual", m.IsEqual);
            w.WriteBoolean("isRegex", m.IsRegex);
            w.WriteString("name", m.Name);
            w.WriteString("value", m.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("startsAt", WireTime.Format(s.StartsAt));
        w.WriteEndObject();
    }

    /// <summary>Alertmanager's filter: every filter matcher is one of the silence's matchers (same name, type and value).</summary>
    public static bool MatchesFilter(Silence s, IReadOnlyList<Matcher> filter) => filter.All(f => s.Matchers.Contains(f));

    /// <summary>Alertmanager's order: active (ending soonest first), pending (starting soonest first), expired (most recent first).</summary>
    public static int Compare(Silence a, Silence b, DateTimeOffset now)
    {
        var (sa, sb) = (SilenceRules.StateAt(a, now), SilenceRules.StateAt(b, now));
        if (sa != sb)
        {
            return sa.CompareTo(sb);
        }
        return sa switch
        {
            SilenceState.Active => a.EndsAt.CompareTo(b.EndsAt),
            SilenceState.Pending => a.StartsAt.CompareTo(b.StartsAt),
            _ => b.EndsAt.CompareTo(a.EndsAt),
        };
    }

    private static DateTimeOffset Time(JsonElement root, string name)
    {
        var text = root.GetProperty(name).GetString() ?? "";
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            || !text.Contains('T', StringComparison.Ordinal))
        {
            throw new FormatException($"parsing time {GoQuote.Quote(text)} as \"2006-01-02T15:04:05.000Z07:00\": {name} is not an RFC 3339 date-time");
        }
        // A start in the past is moved to now; only the far end could overflow what is computed from it.
        return t < Config.TimeLimits.LatestInstant ? t : throw new FormatException($"{name}: {Config.TimeLimits.CheckInstant(t)}");
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? "";

    private static AlertmanagerError ParseError(string detail) =>
        new(400, "parsing silence body from \"\" failed, because " + detail, 400);
}
