using System.Text;
using System.Globalization;

namespace Vigil.Server.Templates;

/// <summary>
/// Go's text/template lexer (lex.go) with the default <c>{{ }}</c> delimiters: text, actions, comments,
/// the <c>{{-</c>/<c>-}}</c> trim markers. Lexes the whole source eagerly; an error ends the list with an Error token.
/// </summary>
internal sealed partial class TemplateLexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = TokenKind.Dot, ["block"] = TokenKind.Block, ["break"] = TokenKind.Break, ["continue"] = TokenKind.Continue,
        ["define"] = TokenKind.Define, ["else"] = TokenKind.Else, ["end"] = TokenKind.End, ["if"] = TokenKind.If,
        ["range"] = TokenKind.Range, ["nil"] = TokenKind.Nil, ["template"] = TokenKind.Template, ["with"] = TokenKind.With,
    };

    private readonly string _s;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _start;
    private int _line = 1;
    private int _startLine = 1;
    private int _parenDepth;

    private TemplateLexer(string source) => _s = source;

    public static List<Token> Lex(string source)
    {
        var lexer = new TemplateLexer(source);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (true)
        {
            int open = _s.IndexOf("{{", _pos, StringComparison.Ordinal);
            if (open < 0)
            {
                Advance(_s.Length);
                if (_pos > _start)
                {
                    Emit(TokenKind.Text);
                }
                Emit(TokenKind.Eof);
                return;
            }
            bool trimLeft = HasLeftTrim(open + 2);
            int textEnd = trimLeft ? TrimRightEnd(open) : open;
            Advance(textEnd);
            if (_pos > _start)
            {
                Emit(TokenKind.Text);
            }
            Advance(open);
            Ignore();
            if (!LexLeftDelim(trimLeft))
            {
                return;
            }
        }
    }

    private bool HasLeftTrim(int at) => at + 1 < _s.Length && _s[at] == '-' && IsSpace(_s[at + 1]);

    private int TrimRightEnd(int end)
    {
        while (end > _start && IsSpace(_s[end - 1]))
        {
            end--;
        }
        return end;
    }

    private bool LexLeftDelim(bool trimLeft)
    {
        int after = _pos + 2 + (trimLeft ? 2 : 0);
        if (string.CompareOrdinal(_s, after, "/*", 0, 2) == 0)
        {
            return LexComment(after, trimLeft);
        }
        Advance(_pos + 2);
        Emit(TokenKind.LeftDelim);
        if (trimLeft)
        {
            Advance(_pos + 2);
            Ignore();
        }
        _parenDepth = 0;
        return LexInsideAction();
    }

    private bool LexComment(int commentStart, bool trimLeft)
    {
        _ = trimLeft;
        int close = _s.IndexOf("*/", commentStart + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            return Fail("unclosed comment");
        }
        int p = close + 2;
        bool trimRight = false;
        if (p + 3 <= _s.Length && IsSpace(_s[p]) && string.CompareOrdinal(_s, p + 1, "-}}", 0, 3) == 0)
        {
            trimRight = true;
            p++;
        }
        if (string.CompareOrdinal(_s, trimRight ? p + 1 : p, "}}", 0, 2) != 0)
        {
            Advance(close + 2);
            return Fail("comment ends before closing delimiter");
        }
        Advance(p + (trimRight ? 3 : 2));
        Emit(TokenKind.Comment);
        if (trimRight)
        {
            SkipLeadingSpace();
        }
        return true;
    }

    private bool LexInsideAction()
    {
        while (true)
        {
            if (AtRightDelim(out bool trimRight))
            {
                if (_parenDepth > 0)
                {
                    return Fail("unclosed left paren");
                }
                if (trimRight)
                {
                    Advance(_pos + 2);
                    Ignore();
                }
                Advance(_pos + 2);
                Emit(TokenKind.RightDelim);
                if (trimRight)
                {
                    SkipLeadingSpace();
                }
                return true;
            }
            if (_pos >= _s.Length)
            {
                return Fail("unclosed action");
            }
            char c = _s[_pos];
            bool ok = c switch
            {
                _ when IsSpace(c) => LexSpace(),
                '=' => Single(TokenKind.Assign),
                ':' => LexDeclare(),
                '|' => Single(TokenKind.Pipe),
                '"' => LexQuote(),
                '`' => LexRawQuote(),
                '$' => LexVariable(),
                '\'' => LexChar(),
                '.' when _pos + 1 < _s.Length && char.IsAsciiDigit(_s[_pos + 1]) => LexNumber(),
                '.' => LexField(),
                '+' or '-' or (>= '0' and <= '9') => LexNumber(),
                '(' => Paren(TokenKind.LeftParen, 1),
                ')' => Paren(TokenKind.RightParen, -1),
                _ when IsAlphaNumeric(c) => LexIdentifier(),
                _ when c <= 127 && !char.IsControl(c) => Single(TokenKind.Char),
                _ => Fail(string.Create(CultureInfo.InvariantCulture, $"unrecognized character in action: {GoQuote.RuneForm(Rune.GetRuneAt(_s, _pos).Value)}")),
            };
            if (!ok)
            {
                return false;
            }
        }
    }

    private bool AtRightDelim(out bool trimRight)
    {
        trimRight = false;
        if (_pos + 4 <= _s.Length && IsSpace(_s[_pos]) && string.CompareOrdinal(_s, _pos + 1, "-}}", 0, 3) == 0)
        {
            trimRight = true;
            return true;
        }
        return string.CompareOrdinal(_s, _pos, "}}", 0, 2) == 0;
    }

    private bool LexSpace()
    {
        int spaces = 0;
        while (_pos < _s.Length && IsSpace(_s[_pos]))
        {
            Advance(_pos + 1);
            spaces++;
        }
        // A space followed by "-}}" belongs to the trim marker, not to this space token.
        if (_pos + 3 <= _s.Length && string.CompareOrdinal(_s, _pos, "-}}", 0, 3) == 0)
        {
            Backup();
            if (spaces == 1)
            {
                return true;
            }
        }
        Emit(TokenKind.Space);
        return true;
    }

    private bool Paren(TokenKind kind, int depth)
    {
        _parenDepth += depth;
        if (_parenDepth < 0)
        {
            Advance(_pos + 1);
            return Fail("unexpected right paren");
        }
        return Single(kind);
    }

    private bool Single(TokenKind kind)
    {
        Advance(_pos + 1);
        Emit(kind);
        return true;
    }

    private bool AtTerminator()
    {
        if (_pos >= _s.Length)
        {
            return true;
        }
        char c = _s[_pos];
        return IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' || string.CompareOrdinal(_s, _pos, "}}", 0, 2) == 0;
    }

    private void SkipLeadingSpace()
    {
        int p = _pos;
        while (p < _s.Length && IsSpace(_s[p]))
        {
            p++;
        }
        Advance(p);
        Ignore();
    }

    private void Advance(int to)
    {
        for (int i = _pos; i < to; i++)
        {
            if (_s[i] == '\n')
            {
                _line++;
            }
        }
        _pos = to;
    }

    private void Backup()
    {
        _pos--;
        if (_s[_pos] == '\n')
        {
            _line--;
        }
    }

    private void Emit(TokenKind kind)
    {
        _tokens.Add(new Token(kind, _s[_start.._pos], _start, _startLine));
        Ignore();
    }

    private void Ignore()
    {
        _start = _pos;
        _startLine = _line;
    }

    private bool Fail(string message)
    {
        _tokens.Add(new Token(TokenKind.Error, message, _start, _line));
        return false;
    }

    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);
}
