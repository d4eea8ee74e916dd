namespace Vigil.Server.Tests.Fuzz;

/// <summary>
/// The classes of hostile input a client can send: regexes Go's RE2 refuses or that blow up an automaton, dates and
/// durations at the edges of what a clock can hold, numbers beyond every integer type, strings too long or not text.
/// <see cref="Numbers"/> and <see cref="WrongTypes"/> are raw JSON, the rest strings; <see cref="JsonMutator"/> smuggles in
/// the bytes System.Text.Json would never write (invalid UTF-8, lone surrogates, duplicate keys).
/// </summary>
internal static class HostileValues
{
    /// <summary>Patterns the RE2 dialect refuses, or accepts but that must neither hang nor crash a request.</summary>
    public static readonly string[] Regexes =
    [
        "(a)\\1", "(?=a)b", "(?!a)b", "(?<=a)b", "(?<!a)b", "(?>a+)", "(?(a)b|c)", "(?<n>a)(?<-n>b)", "(?'n'a)", "\\k<n>",
        ".{100000}", "a{1001}", "a{1000}", "(a{1000}){1000}", "((a{100}){100}){100}", "(?:.{1000}){9}", "a{2,1}", "a{,5}",
        "\\G", "\\Z", "\\z", "\\A", "a++", "a*+", "a?+", "a**", "*a", "+", "?", "(", ")", "[", "]", "[a", "a]", "{", "}",
        "\\", "a\\", "[z-a]", "[a-\\d]", "\\8", "\\18", "\\012", "\\0", "\\x", "\\x{110000}", "\\x{41}", "\\u0041", "\\cA", "\\e",
        "\\p{Greek}", "\\pL", "\\p{L}", "\\PL", "\\p{^L}", "\\p{Nope}", "[[:alpha:]]", "[[:nope:]]", "[[:^digit:]]", "\\Qa.b*\\E", "\\Qopen",
        "(?P<name>a)", "(?P<>a)", "(?P<n>a)(?P<n>b)", "(?<name>a)", "(?i)abc", "(?U)a*", "(?x) a b", "(?n)(a)", "(?#comment)a", "(?z)a",
        "(?i-s:a.b)", "(?)", "(?:", "(?i", "a|", "|", "||||", "^$", "$^", "a$b", "^*", "(?m)^a$", "\\b\\B", "[^\\x00-\\x{10FFFF}]",
        "[a-z-[aeiou]]", "\\d\\w\\s\\D\\W\\S", "\\N", "\\X", "\\R", "\\h", "\\K", "(*FAIL)", "(?|a|b)", "\\1\\2", "[\\1]",
        "(a|aa)*c", "(a*)*$", "(x+x+)+y", "(.*a){12}", "^(([a-z])+.)+[A-Z]([a-z])+$", "((((((((((a))))))))))",
        new string('(', 2000) + new string(')', 2000), string.Concat(Enumerable.Repeat("a{1000}", 20)), string.Join('|', Enumerable.Range(0, 5000)),
        "[" + new string('a', 10000) + "]", "\u0000", "a\nb", "é{3}", "\\p{Han}+", "[\\p{Lu}]", "\\pN{3}",
    ];

    /// <summary>Instants at and beyond the ends of the calendar, impossible ones, and things that are not instants.</summary>
    public static readonly string[] Dates =
    [
        "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
        "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", "2026-13-01T00:00:00Z",
        "2026-01-01T00:00:00+25:00", "2026-01-01", "2026-01-01T00:00:00", "1e308", "now", "", " ", "yesterday", "0",
        "99999999999999999999", "2026-01-01T00:00:00.99999999999999999999Z", "1970-01-01T00:00:00Z", "2262-04-11T23:47:16.854775807Z",
        "2262-04-12T00:00:00Z", "1677-09-21T00:12:43Z", "0000-00-00T00:00:00Z",
    ];

    /// <summary>Prometheus durations that overflow an int64 of milliseconds or nanoseconds, negative ones, and junk.</summary>
    public static readonly string[] Durations =
    [
        "10000y", "292y", "293y", "584y", "9223372036854775807ms", "9223372036854775808ms", "99999999999999999999s", "106751991167d",
        "-1h", "0s", "0", "1e9h", "1h1h", "1.5h", "P1D", "", "1", "5", "h", "1y1w1d1h1m1s1ms", "999999999999y", "15250284452w",
        "2562047h", "2562048h", "153722867m", "9223372036s",
    ];

    /// <summary>Raw JSON numbers beyond int, long, double and decimal.</summary>
    public static readonly string[] Numbers =
    [
        "1e400", "-1e400", "99999999999999999999999", "-99999999999999999999999", "-0", "1.7976931348623157e308", "4.9e-324",
        "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "-1", "0", "0.5",
        "1e-400", "123456789012345678901234567890.5",
    ];

    /// <summary>Raw JSON values of the wrong type for whatever field they land in.</summary>
    public static readonly string[] WrongTypes =
    [
        "true", "false", "null", "[]", "{}", "[1,2,3]", "{\"a\":{\"b\":[]}}", "0", "\"\"", "[null]", "[{}]", "{\"\":\"\"}",
    ];

    /// <summary>Strings that are hostile as text: long, control characters, markup, paths, SQL.</summary>
    public static string[] Strings { get; } =
    [
        new string('a', 100_000), new string('x', 70_000) + "=\"y\"", "\u0000", "a\u0000b", "\t\r\n", "\u202Eevil", "😀😀😀",
        "<script>alert(1)</script>", "'; DROP TABLE silences; --", "../../etc/passwd", "%00%ff", "{{ .Foo }}", "${jndi:x}",
        "\uFFFF\uFFFE", " ", "", "null", "true", "alertname", "alertname=\"", "a=~\"(\"", "{a=\"b\"", "a=b,", ",,,", "=", "!~",
        "{" + string.Join(',', Enumerable.Range(0, 3000).Select(i => $"l{i}=\"v\"")) + "}",
    ];

    /// <summary>Matcher strings built around the hostile regexes, in the spellings of amtool, filters and config.</summary>
    public static string Matcher(Random rng)
    {
        var re = Pick(rng, Regexes).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return rng.Next(6) switch
        {
            0 => $"alertname=~\"{re}\"",
            1 => $"job!~\"{re}\"",
            2 => $"{{alertname=~\"{re}\", host=\"a\"}}",
            3 => $"alertname=~{Pick(rng, Regexes)}",
            4 => $"{Pick(rng, Strings)}=\"x\"",
            _ => Pick(rng, Strings),
        };
    }

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
