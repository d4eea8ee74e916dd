namespace Vigil.Server.Templates;

/// <summary>Plain text between actions.</summary>
internal sealed class TextNode(int pos, TemplateSource source, string text) : TemplateNode(pos, source)
{
    public string Text { get; } = text;

    public override string ToString() => GoQuote.Quote(Text);
}
