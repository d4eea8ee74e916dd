using System.Text;
using System.Globalization;

namespace Vigil.Server.Templates;

/// <summary>The lexer's operands: declarations, strings, characters, variables, fields, identifiers and numbers.</summary>
internal sealed partial class TemplateLexer
{
    private bool LexDeclare()
    {
        if (_pos + 1 < _s.Length && _s[_pos + 1] == '=')
        {
            Advance(_pos + 2);
            Emit(TokenKind.Declare);
            return true;
        }
        Advance(_pos + 1);
        return Fail("expected :=");
    }

    private bool LexQuote()
    {
        int p = _pos + 1;
        while (true)
        {
            if (p >= _s.Length || _s[p] == '\n')
            {
                Advance(p);
                return Fail("unterminated quoted string");
            }
            if (_s[p] == '\\' && p + 1 < _s.Length && _s[p + 1] != '\n')
            {
                p += 2;
                continue;
            }
            if (_s[p] == '"')
            {
                Advance(p + 1);
                Emit(TokenKind.String);
                return true;
            }
            p++;
        }
    }

    private bool LexRawQuote()
    {
        int close = _s.IndexOf('`', _pos + 1);
        if (close < 0)
        {
            Advance(_s.Length);
            return Fail("unterminated raw quoted string");
        }
        Advance(close + 1);
        Emit(TokenKind.RawString);
        return true;
    }

    private bool LexChar()
    {
        int p = _pos + 1;
        while (true)
        {
            if (p >= _s.Length || _s[p] == '\n')
            {
                Advance(p);
                return Fail("unterminated character constant");
            }
            if (_s[p] == '\\' && p + 1 < _s.Length && _s[p + 1] != '\n')
            {
                p += 2;
                continue;
            }
            if (_s[p] == '\'')
            {
                Advance(p + 1);
                Emit(TokenKind.CharConstant);
                return true;
            }
            p++;
        }
    }

    private bool LexVariable()
    {
        Advance(_pos + 1);
        return LexFieldOrVariable(TokenKind.Variable);
    }

    private bool LexField()
    {
        Advance(_pos + 1);
        return LexFieldOrVariable(TokenKind.Field);
    }

    private bool LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return true;
        }
        while (_pos < _s.Length && IsAlphaNumeric(_s[_pos]))
        {
            Advance(_pos + 1);
        }
        if (!AtTerminator())
        {
            return BadCharacter();
        }
        Emit(kind);
        return true;
    }

    private bool LexIdentifier()
    {
        while (_pos < _s.Length && IsAlphaNumeric(_s[_pos]))
        {
            Advance(_pos + 1);
        }
        if (!AtTerminator())
        {
            return BadCharacter();
        }
        string word = _s[_start.._pos];
        if (Keywords.TryGetValue(word, out var keyword))
        {
            Emit(keyword);
        }
        else
        {
            Emit(word is "true" or "false" ? TokenKind.Bool : TokenKind.Identifier);
        }
        return true;
    }

    private bool BadCharacter()
    {
        int r = _pos < _s.Length ? Rune.GetRuneAt(_s, _pos).Value : -1;
        Advance(Math.Min(_pos + 1, _s.Length));
        return Fail("bad character " + GoQuote.RuneForm(r));
    }

    private bool LexNumber()
    {
        int p = GoNumberScanner.Scan(_s, _pos);
        if (p < 0)
        {
            int end = _pos;
            while (end < _s.Length && (IsAlphaNumeric(_s[end]) || _s[end] is '.' or '+' or '-'))
            {
                end++;
            }
            string text = _s[_pos..Math.Max(end, _pos + 1)];
            Advance(Math.Max(end, _pos + 1));
            return Fail("bad number syntax: " + GoQuote.Quote(text));
        }
        Advance(p);
        Emit(TokenKind.Number);
        return true;
    }
}
