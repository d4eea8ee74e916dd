using System.Globalization;
using System.Text.Json;

namespace Vigil.Server.Templates;

/// <summary>Reads template data in the JSON layout of Alertmanager's template.Data (what <c>amtool template render --template.data</c> reads).</summary>
internal static class TemplateDataJson
{
    public static TemplateData Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Read(doc.RootElement);
    }

    /// <summary>The data in an already parsed document (a stored webhook payload, which holds more than the template data).</summary>
    public static TemplateData Read(JsonElement root)
    {
        var alerts = new List<TemplateAlert>();
        if (root.TryGetProperty("alerts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in list.EnumerateArray())
            {
                alerts.Add(new TemplateAlert(
                    Str(a, "status"), Kv(a, "labels"), Kv(a, "annotations"), Time(a, "startsAt"), Time(a, "endsAt"),
                    Str(a, "generatorURL"), Str(a, "fingerprint")));
            }
        }
        return new TemplateData(
            Str(root, "receiver"), Str(root, "status"), new TemplateAlerts(alerts), Kv(root, "groupLabels"), Kv(root, "commonLabels"),
            Kv(root, "commonAnnotations"), Str(root, "externalURL"))
        { IsPointer = false };
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static TemplateKV Kv(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Object)
        {
            return TemplateKV.Empty;
        }
        return new TemplateKV(v.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")));
    }

    /// <summary>Keeps 7 fraction digits (Parse would round, Go truncates nothing).</summary>
    private static string TruncateFraction(string s)
    {
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return s;
        }
        int end = dot + 1;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }
        return end - dot - 1 <= 7 ? s : s[..(dot + 8)] + s[end..];
    }

    /// <summary>The 8th and 9th fraction digits, which <see cref="DateTimeOffset"/> cannot hold.</summary>
    private static int SubTickNanos(string s)
    {
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return 0;
        }
        int end = dot + 1;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }
        string digits = s[(dot + 1)..end].PadRight(9, '0');
        return int.Parse(digits.AsSpan(7, 2), CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 3339 keeps its offset; Go prints a UTC time as "UTC" and other offsets without a zone name.</summary>
    private static GoTime Time(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String)
        {
            return new GoTime(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), "UTC");
        }
        string s = v.GetString()!;
        var t = DateTimeOffset.Parse(TruncateFraction(s), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        bool utc = s.EndsWith('Z') || s.EndsWith("z", StringComparison.Ordinal);
        return new GoTime(t, utc ? "UTC" : "") { SubTickNanos = SubTickNanos(s) };
    }
}
