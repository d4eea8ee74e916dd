using System.Text;

namespace Vigil.Server.Labels;

/// <summary>
/// Reads a pattern the way Go's regexp/syntax does with Perl flags (what Alertmanager and Prometheus compile) and
/// writes the .NET pattern with the same meaning for a whole-string match, or throws <see cref="Re2Exception"/> with
/// Go's error. Go's rules kept: no back-references, lookarounds, atomic groups, possessive or stacked quantifiers,
/// conditionals or .NET-only escapes; repetition counts at most 1000, also multiplied through nesting; at most 1000
/// nested groups. Go's meanings kept: <c>^</c>/<c>$</c> are the ends of the text unless <c>(?m)</c>, <c>\d \s \w</c>
/// and POSIX classes are ASCII, <c>\Q…\E</c>, <c>\x{…}</c>, octal escapes and <c>(?P&lt;name&gt;…)</c> work.
/// Captures become non-capturing groups and laziness is dropped: neither changes whether a whole string matches.
/// </summary>
internal sealed class Re2Parser
{
    public const int MaxRepeat = 1000;
    public const int MaxNesting = 1000;

    private readonly string _s;
    private readonly StringBuilder _out = new();
    private int _i;
    private Mode _mode;

    private List<string?>? _groups;

    private Re2Parser(string pattern) => _s = pattern;

    [Flags]
    private enum Mode
    {
        None = 0,
        FoldCase = 1,
        DotNewline = 2,
        MultiLine = 4,
        Ungreedy = 8,
    }

    /// <summary>The .NET equivalent of <paramref name="pattern"/> (not yet anchored).</summary>
    public static string Translate(string pattern) => Translate(pattern, null);

    /// <summary>
    /// Like <see cref="Translate(string)"/>, but when <paramref name="groups"/> is given, capturing groups stay capturing
    /// (all unnamed, so .NET numbers them left to right as Go does) and their names (null when unnamed) are added to it.
    /// </summary>
    public static string Translate(string pattern, List<string?>? groups)
    {
        var parser = new Re2Parser(pattern) { _groups = groups };
        parser.Alternation(0);
        if (parser._i < pattern.Length)
        {
            throw new Re2Exception("unexpected )", pattern);
        }
        return parser._out.ToString();
    }

    private List<Re2Repeat> Alternation(int depth)
    {
        var repeats = new List<Re2Repeat>();
        Concat(depth, repeats);
        while (_i < _s.Length && _s[_i] == '|')
        {
            _i++;
            _out.Append('|');
            Concat(depth, repeats);
        }
        return repeats;
    }

    private void Concat(int depth, List<Re2Repeat> repeats)
    {
        while (_i < _s.Length && _s[_i] is not ('|' or ')'))
        {
            var atom = Atom(depth);
            Quantifiers(atom);
            repeats.AddRange(atom ?? []);
        }
    }

    /// <summary>Writes one unit a quantifier can follow; returns the repetitions inside it, or null when there is
    /// nothing to repeat (a flag group, an empty <c>\Q\E</c>, or a quantifier with no operand).</summary>
    private List<Re2Repeat>? Atom(int depth)
    {
        switch (_s[_i])
        {
            case '(':
                return Group(depth);
            case '[':
                Re2Class.ParseClass(_s, ref _i, _out);
                return [];
            case '.':
                _i++;
                _out.Append(Has(Mode.DotNewline) ? "[\\s\\S]" : "[^\\n]");
                return [];
            case '^':
                _i++;
                _out.Append(Has(Mode.MultiLine) ? "(?m:^)" : "(?:\\A)");
                return [];
            case '$':
                _i++;
                _out.Append(Has(Mode.MultiLine) ? "(?m:$)" : "(?:\\z)");
                return [];
            case '*' or '+' or '?':
                return null;
            case '{' when Re2Repeat.TryParse(_s, _i, out _, out _, out _):
                return null;
            case '\\':
                return Backslash();
            default:
                Literal(Re2Class.Rune(_s, ref _i));
                return [];
        }
    }

    private List<Re2Repeat>? Backslash()
    {
        var next = _i + 1 < _s.Length ? _s[_i + 1] : '\0';
        var anchor = next switch { 'A' => "(?:\\A)", 'z' => "(?:\\z)", 'b' => "(?:\\b)", 'B' => "(?:\\B)", _ => null };
        if (anchor is not null)
        {
            _i += 2;
            _out.Append(anchor);
            return [];
        }
        if (next == 'C')
        {
            throw new Re2Exception("invalid escape sequence", "\\C");
        }
        if (next == 'Q')
        {
            // \Q…\E: literal text; like Go, a quantifier after it repeats only its last character.
            var end = _s.IndexOf("\\E", _i + 2, StringComparison.Ordinal);
            var text = end < 0 ? _s[(_i + 2)..] : _s[(_i + 2)..end];
            _i = end < 0 ? _s.Length : end + 2;
            for (var j = 0; j < text.Length;)
            {
                Literal(Re2Class.Rune(text, ref j));
            }
            return text.Length == 0 ? null : [];
        }
        var set = new Re2Class.Set();
        if (Re2Class.TryClassEscape(_s, ref _i, set))
        {
            set.Write(_out, negated: false);
            return [];
        }
        Literal(Re2Class.Escape(_s, ref _i));
        return [];
    }

    private List<Re2Repeat>? Group(int depth)
    {
        var start = _i++;
        if (depth >= MaxNesting)
        {
            throw new Re2Exception("expression nests too deeply", _s[..Math.Min(_s.Length, 50)]);
        }
        var outer = _mode;
        if (_i >= _s.Length || _s[_i] != '?')
        {
            _groups?.Add(null);
            return Body(depth, _groups is null ? "(?:" : "(", outer);
        }
        if (At("?P<") || (At("?<") && !At("?<=") && !At("?<!")))
        {
            var open = _s.IndexOf('<', _i) + 1;
            var close = _s.IndexOf('>', open);
            if (close < 0)
            {
                throw new Re2Exception("invalid named capture", _s[start..]);
            }
            if (close == open || !_s[open..close].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new Re2Exception("invalid named capture", _s[start..(close + 1)]);
            }
            _i = close + 1;
            _groups?.Add(_s[open..close]);
            return Body(depth, _groups is null ? "(?:" : "(", outer);
        }
        _i++;
        var (mode, end) = Flags();
        var fold = (outer & Mode.FoldCase) == (mode & Mode.FoldCase) ? "" : (mode & Mode.FoldCase) != 0 ? "i" : "-i";
        _mode = mode;
        if (end == ':')
        {
            return Body(depth, "(?" + fold + ":", outer);
        }
        // (?flags) changes the rest of the enclosing group, in Go as in .NET.
        if (fold.Length > 0)
        {
            _out.Append("(?").Append(fold).Append(')');
        }
        return null;
    }

    /// <summary>Go's flag syntax after <c>(?</c>: <c>i m s U</c>, a <c>-</c> before the ones to clear, then <c>:</c> or <c>)</c>.</summary>
    private (Mode Mode, char End) Flags()
    {
        var start = _i - 2;
        var mode = _mode;
        var clear = false;
        var sawFlag = false;
        while (_i < _s.Length)
        {
            var c = _s[_i++];
            var flag = c switch { 'i' => Mode.FoldCase, 'm' => Mode.MultiLine, 's' => Mode.DotNewline, 'U' => Mode.Ungreedy, _ => Mode.None };
            if (flag != Mode.None)
            {
                mode = clear ? mode & ~flag : mode | flag;
                sawFlag = true;
            }
            else if (c == '-' && !clear)
            {
                (clear, sawFlag) = (true, false);
            }
            else if (c is ':' or ')' && (!clear || sawFlag))
            {
                return (mode, c);
            }
            else
            {
                break;
            }
        }
        throw new Re2Exception("invalid or unsupported Perl syntax", _s[start.._i]);
    }

    private List<Re2Repeat> Body(int depth, string open, Mode outer)
    {
        _out.Append(open);
        var repeats = Alternation(depth + 1);
        if (_i >= _s.Length)
        {
            throw new Re2Exception("missing closing )", _s);
        }
        _i++;
        _out.Append(')');
        _mode = outer;
        return repeats;
    }

    /// <summary>Quantifiers after an atom: one at most (Go refuses <c>a**</c>, <c>a++</c>, <c>a{2}{3}</c>).</summary>
    private void Quantifiers(List<Re2Repeat>? atom)
    {
        var previous = -1;
        while (_i < _s.Length)
        {
            var start = _i;
            int min, max;
            var braces = _s[_i] == '{';
            if (_s[_i] is '*' or '+' or '?')
            {
                (min, max) = _s[_i++] switch { '*' => (0, -1), '+' => (1, -1), _ => (0, 1) };
            }
            else if (braces && Re2Repeat.TryParse(_s, _i, out min, out max, out var end))
            {
                _i = end;
                if (min < 0 || min > MaxRepeat || max > MaxRepeat || (max >= 0 && min > max))
                {
                    throw new Re2Exception("invalid repeat count", _s[start.._i]);
                }
            }
            else
            {
                return;
            }
            if (_i < _s.Length && _s[_i] == '?')
            {
                _i++; // lazy: the same for a whole-string match
            }
            if (previous >= 0)
            {
                throw new Re2Exception("invalid nested repetition operator", _s[previous.._i]);
            }
            if (atom is null)
            {
                throw new Re2Exception("missing argument to repetition operator", _s[start.._i]);
            }
            if (braces)
            {
                var repeat = new Re2Repeat(max < 0 ? min : max, [.. atom]);
                if ((min >= 2 || max >= 2) && !repeat.IsValid(MaxRepeat))
                {
                    throw new Re2Exception("invalid repeat count", _s[start.._i]);
                }
                atom.Clear();
                atom.Add(repeat);
                _out.Append('{').Append(min).Append(max == min ? "" : max < 0 ? "," : "," + max).Append('}');
            }
            else
            {
                _out.Append(max < 0 ? (min == 0 ? '*' : '+') : '?');
            }
            previous = start;
        }
    }

    private void Literal(int rune)
    {
        if (rune < 0x80 && char.IsAsciiLetterOrDigit((char)rune))
        {
            _out.Append((char)rune);
        }
        else if (rune <= 0xFFFF)
        {
            Re2Class.Unit(_out, rune);
        }
        else
        {
            var pair = char.ConvertFromUtf32(rune);
            _out.Append("(?:");
            Re2Class.Unit(_out, pair[0]);
            Re2Class.Unit(_out, pair[1]);
            _out.Append(')');
        }
    }

    private bool Has(Mode flag) => (_mode & flag) != 0;

    private bool At(string text) => string.CompareOrdinal(_s, _i, text, 0, text.Length) == 0;
}
