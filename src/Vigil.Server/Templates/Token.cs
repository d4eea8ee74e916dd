using System.Globalization;

namespace Vigil.Server.Templates;

/// <summary>One lexed token: its kind, its text, its byte offset and line in the template source.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Pos, int Line)
{
    /// <summary>Go's item.String(), which parse errors quote.</summary>
    public override string ToString()
    {
        if (Kind == TokenKind.Eof)
        {
            return "EOF";
        }
        if (Kind == TokenKind.Error)
        {
            return Text;
        }
        if (Kind > TokenKind.Keyword)
        {
            return "<" + Text + ">";
        }
        if (Text.Length > 10)
        {
            return GoQuote.Quote(Text[..10]) + "...";
        }
        return GoQuote.Quote(Text);
    }

    public string LineText => Line.ToString(CultureInfo.InvariantCulture);
}
