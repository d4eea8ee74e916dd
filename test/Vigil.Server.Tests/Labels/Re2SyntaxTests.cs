using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;

namespace Vigil.Server.Tests.Labels;

/// <summary>Matchers speak Go's RE2 dialect, as Alertmanager does: what Go refuses is refused with Go's reason, and
/// what Go accepts matches the same whole values.</summary>
public sealed class Re2SyntaxTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { "(a)\\1", "invalid escape sequence: `\\1`" },
        { "\\k<n>", "invalid escape sequence: `\\k`" },
        { "(?=a)b", "invalid or unsupported Perl syntax: `(?=`" },
        { "(?!a)b", "invalid or unsupported Perl syntax: `(?!`" },
        { "(?<=a)b", "invalid or unsupported Perl syntax: `(?<`" },
        { "(?<!a)b", "invalid or unsupported Perl syntax: `(?<`" },
        { "(?>a+)", "invalid or unsupported Perl syntax: `(?>`" },
        { "(?(a)b|c)", "invalid or unsupported Perl syntax: `(?(`" },
        { "(?'n'a)", "invalid or unsupported Perl syntax: `(?'`" },
        { "(?#comment)", "invalid or unsupported Perl syntax: `(?#`" },
        { "(?x) a", "invalid or unsupported Perl syntax: `(?x`" },
        { "(?i-)a", "invalid or unsupported Perl syntax: `(?i-)`" },
        { "(?<a>x)(?<-a>y)", "invalid named capture: `(?<-a>`" },
        { "(?P<>a)", "invalid named capture: `(?P<>`" },
        { "(?P=n)", "invalid or unsupported Perl syntax: `(?P`" },
        { ".{100000}", "invalid repeat count: `{100000}`" },
        { "a{1001}", "invalid repeat count: `{1001}`" },
        { "a{2,1}", "invalid repeat count: `{2,1}`" },
        { "a{999999999}", "invalid repeat count: `{999999999}`" },
        { "(a{1000}){1000}", "invalid repeat count: `{1000}`" },
        { "((a{10}){10}){11}", "invalid repeat count: `{11}`" },
        { "a++", "invalid nested repetition operator: `++`" },
        { "a*+", "invalid nested repetition operator: `*+`" },
        { "a**", "invalid nested repetition operator: `**`" },
        { "a*??", "invalid nested repetition operator: `*??`" },
        { "a{2}{3}", "invalid nested repetition operator: `{2}{3}`" },
        { "*a", "missing argument to repetition operator: `*`" },
        { "a|*", "missing argument to repetition operator: `*`" },
        { "(?i)*", "missing argument to repetition operator: `*`" },
        { "{2}", "missing argument to repetition operator: `{2}`" },
        { "(a", "missing closing ): `(a`" },
        { "a)", "unexpected ): `a)`" },
        { "[a", "missing closing ]: `[a`" },
        { "[]", "missing closing ]: `[]`" },
        { "[z-a]", "invalid character class range: `z-a`" },
        { "[a-\\d]", "invalid escape sequence: `\\d`" },
        { "[[:nope:]]", "invalid character class range: `[:nope:]`" },
        { "\\p{Nope}", "invalid or unsupported Unicode class (general categories such as \\p{L} work, scripts do not): `\\p{Nope}`" },
        { "\\p{Greek}", "invalid or unsupported Unicode class (general categories such as \\p{L} work, scripts do not): `\\p{Greek}`" },
        { "\\Z", "invalid escape sequence: `\\Z`" },
        { "\\G", "invalid escape sequence: `\\G`" },
        { "\\C", "invalid escape sequence: `\\C`" },
        { "\\e", "invalid escape sequence: `\\e`" },
        { "\\u0041", "invalid escape sequence: `\\u`" },
        { "\\8", "invalid escape sequence: `\\8`" },
        { "\\x{110000}", "invalid escape sequence: `\\x{110000}`" },
        { "\\xZ1", "invalid escape sequence: `\\x`" },
        { "[\\b]", "invalid escape sequence: `\\b`" },
        { "a\\", "trailing backslash at end of expression: ``" },
        { "\ud800", "invalid UTF-8: ``" },
        { new string('(', 1001) + new string(')', 1001), "expression nests too deeply: `" + new string('(', 50) + "`" },
        { string.Concat(Enumerable.Repeat("a{1000}", 11)), "expression too large: `" + string.Concat(Enumerable.Repeat("a{1000}", 11)) + "`" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Pattern_OutsideRe2_IsRefusedWithGosReason(string pattern, string reason)
    {
        Assert.Equal("error parsing regexp: " + reason, Re2Syntax.Validate(pattern));
        var e = Assert.Throws<FormatException>(() => Matcher.Create("job", MatchType.Regex, pattern));
        Assert.StartsWith($"invalid regular expression {GoQuote.Quote(pattern)}: error parsing regexp: ", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> Matches => new()
    {
        { "a$", "a\n", false },
        { "a", "a\n", false },
        { "(?m)a$\nb", "a\nb", true },
        { "a$\nb", "a\nb", false },
        { "^*a", "a", true },
        { "\\d+", "123", true },
        { "\\d+", "\u0661\u0662", false },
        { "\\w+", "caf\u00e9", false },
        { "\\s", "\u00a0", false },
        { "[\\D]", "\u0661", true },
        { "\\Qa.b*\\E", "a.b*", true },
        { "\\Qa.b*\\E", "axbb", false },
        { "\\Qab\\E*", "abbb", true },
        { "[[:alpha:]]+", "abc", true },
        { "[[:alpha:]]+", "ab1", false },
        { "[[:^digit:]x]", "a", true },
        { "[[:^digit:]]", "1", false },
        { "(?P<name>a+)", "aa", true },
        { "(?<name>a+)", "aa", true },
        { "(?i)abc", "ABC", true },
        { "(?i:a)b", "Ab", true },
        { "(?i:a)b", "AB", false },
        { "a(?i)b|c", "C", true },
        { "(?i)a(?-i)b", "Ab", true },
        { "(?i)a(?-i)b", "AB", false },
        { ".", "\n", false },
        { "(?s).", "\n", true },
        { "(?s:.)\\n.", "\n\n\n", false },
        { "\\x41\\x{42}\\103", "ABC", true },
        { "\\0", "\0", true },
        { "\\12", "\n", true },
        { "\\x{1F600}", "\U0001F600", true },
        { "a{2,3}", "aaa", true },
        { "a{2,3}", "aaaa", false },
        { "a{2,}", "aaaaaaa", true },
        { "x{,3}", "x{,3}", true },
        { "a{01}", "a{01}", true },
        { "a{", "a{", true },
        { "\\pL+", "\u00e9a", true },
        { "\\p{Lu}", "a", false },
        { "\\PL", "1", true },
        { "\\p{^L}", "1", true },
        { "[\\p{L}\\d]+", "a1", true },
        { "\\p{Any}", "\u00e9", true },
        { "(a|)", "", true },
        { "[]a]", "]", true },
        { "[^]a]", "b", true },
        { "[^]a]", "]", false },
        { "[a-]", "-", true },
        { "[^a]", "\n", true },
        { "\\.\\_\\-", "._-", true },
        { "(?U)a+", "aaa", true },
        { "a*?", "aaa", true },
        { "\\bfoo\\b", "foo", true },
        { "foo|bar", "foobar", false },
        { "(?:)", "", true },
        { "(a{100}){10}", new string('a', 1000), true },
        { "((a{10}){10}){10}", new string('a', 999), false },
        { ".{1000}", new string('x', 1000), true },
        { "#{1} #", "# #", true },
        { new string('(', 1000) + "a" + new string(')', 1000), "a", true },
    };

    [Theory]
    [MemberData(nameof(Matches))]
    public void Pattern_InRe2_MatchesTheWholeValueAsGoDoes(string pattern, string value, bool expected)
    {
        Assert.Null(Re2Syntax.Validate(pattern));
        Assert.Equal(expected, Matcher.Create("job", MatchType.Regex, pattern).Matches(value));
        Assert.Equal(!expected, Matcher.Create("job", MatchType.NotRegex, pattern).Matches(value));
    }

    [Fact]
    public void StoredRegex_FromBeforeTheRe2Dialect_StillLoads()
    {
        var m = Matcher.FromStore("job", MatchType.Regex, "\\u0041+");
        Assert.True(m.Matches("AA"));
        Assert.Throws<FormatException>(() => Matcher.Create("job", MatchType.Regex, "\\u0041+"));
    }
}
