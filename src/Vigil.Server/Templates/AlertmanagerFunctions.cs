using System.Globalization;
using System.Text;
using NodaTime;

namespace Vigil.Server.Templates;

/// <summary>
/// Alertmanager's template functions (template.DefaultFuncs): toUpper, toLower, title, trimSpace, join, match, safeHtml,
/// safeUrl, urlUnescape, reReplaceAll, stringSlice, date, tz, since, humanizeDuration.
/// </summary>
internal static class AlertmanagerFunctions
{
    public static IEnumerable<TemplateFunction> All(TimeProvider clock)
    {
        GoType[] text = [GoType.String];
        yield return TemplateFunction.Of("toUpper", text, a => ((string)a[0]!).ToUpperInvariant());
        yield return TemplateFunction.Of("toLower", text, a => ((string)a[0]!).ToLowerInvariant());
        yield return TemplateFunction.Of("title", text, a => Title((string)a[0]!));
        yield return TemplateFunction.Of("trimSpace", text, a => ((string)a[0]!).Trim(GoSpaces));
        yield return TemplateFunction.Of("join", [GoType.String, GoType.StringSlice], a => string.Join((string)a[0]!, (IReadOnlyList<string>?)a[1] ?? []));
        yield return TemplateFunction.Of("match", [GoType.String, GoType.String], a => TemplateRegex.Get((string)a[0]!, panics: false).IsMatch((string)a[1]!));
        yield return TemplateFunction.Of("safeHtml", text, a => new SafeText((string)a[0]!, IsUrl: false));
        yield return TemplateFunction.Of("safeUrl", text, a => new SafeText((string)a[0]!, IsUrl: true));
        yield return TemplateFunction.Of("urlUnescape", text, a => GoEscape.QueryUnescape((string)a[0]!));
        yield return TemplateFunction.Of("reReplaceAll", [GoType.String, GoType.String, GoType.String],
            a => TemplateRegex.ReplaceAll((string)a[0]!, (string)a[1]!, (string)a[2]!));
        yield return TemplateFunction.OfVariadic("stringSlice", text, a => a.Select(s => (string)s!).ToList());
        yield return TemplateFunction.Of("date", [GoType.String, GoType.Time], a => GoTimeLayout.Format((GoTime)a[1]!, (string)a[0]!));
        yield return TemplateFunction.Of("tz", [GoType.String, GoType.Time], a => InZone((string)a[0]!, (GoTime)a[1]!));
        yield return TemplateFunction.Of("since", [GoType.Time], a => new GoDuration((clock.GetUtcNow() - ((GoTime)a[0]!).Instant).Ticks * 100));
        yield return TemplateFunction.Of("humanizeDuration", [GoType.Any], a => HumanizeDuration(a[0]));
    }

    private static readonly char[] GoSpaces = [' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00A0'];

    /// <summary>cases.Title(language.AmericanEnglish): each word's first letter upper-cased, the rest lower-cased.</summary>
    internal static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool inWord = false;
        var runes = s.EnumerateRunes().ToArray();
        for (int i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            bool wordChar = Rune.IsLetterOrDigit(r) || r.Value == '_' || Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            bool joiner = r.Value is '\'' or '.' or ':' or '\u2019' or '\u00B7' && inWord && i + 1 < runes.Length && Rune.IsLetter(runes[i + 1]);
            if (!wordChar && !joiner)
            {
                inWord = false;
                sb.Append(r.ToString());
                continue;
            }
            sb.Append(inWord ? Rune.ToLowerInvariant(r).ToString() : ToTitle(r));
            inWord = true;
        }
        return sb.ToString();
    }

    private static string ToTitle(Rune r) => Rune.ToUpperInvariant(r).ToString();

    private static GoTime InZone(string name, GoTime time)
    {
        if (name is "" or "UTC")
        {
            return GoTime.Utc(time.Instant);
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(name) ?? throw new TemplateRuntimeException("unknown time zone " + name);
        var instant = Instant.FromDateTimeOffset(time.Instant);
        var interval = zone.GetZoneInterval(instant);
        var offset = interval.WallOffset.ToTimeSpan();
        return new GoTime(time.Instant.ToOffset(offset), interval.Name);
    }

    private static string HumanizeDuration(object? value)
    {
        double v = value switch
        {
            double d => d,
            long l => l,
            GoDuration d => d.Nanoseconds / 1e9,
            string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed
                : throw new TemplateRuntimeException("strconv.ParseFloat: parsing " + GoQuote.Quote(s) + ": invalid syntax"),
            _ => throw new TemplateRuntimeException("can't convert " + GoValues.TypeName(value) + " to float"),
        };
        if (double.IsNaN(v) || double.IsInfinity(v) || v == 0)
        {
            return GoPrintf.Sprintf(v == 0 ? "%.4gs" : "%.4g", [v]);
        }
        if (Math.Abs(v) >= 1)
        {
            string sign = v < 0 ? "-" : "";
            v = Math.Abs(v);
            long duration = (long)v;
            long seconds = duration % 60, minutes = duration / 60 % 60, hours = duration / 3600 % 24, days = duration / 86400;
            if (days != 0)
            {
                return GoPrintf.Sprintf("%s%dd %dh %dm %ds", [sign, days, hours, minutes, seconds]);
            }
            if (hours != 0)
            {
                return GoPrintf.Sprintf("%s%dh %dm %ds", [sign, hours, minutes, seconds]);
            }
            return minutes != 0 ? GoPrintf.Sprintf("%s%dm %ds", [sign, minutes, seconds]) : GoPrintf.Sprintf("%s%.4gs", [sign, v]);
        }
        string prefix = "";
        foreach (string p in new[] { "m", "u", "n", "p", "f", "a", "z", "y" })
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return GoPrintf.Sprintf("%.4g%ss", [v, prefix]);
    }
}
