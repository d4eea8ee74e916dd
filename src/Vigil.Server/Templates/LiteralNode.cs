namespace Vigil.Server.Templates;

/// <summary>A constant operand: <c>.</c>, <c>nil</c>, a bool, a number or a string; <see cref="Text"/> is its source form.</summary>
internal sealed class LiteralNode(int pos, TemplateSource source, LiteralKind kind, string text, object? value) : TemplateNode(pos, source)
{
    public LiteralKind Kind { get; } = kind;

    public string Text { get; } = text;

    /// <summary>The value: bool, string, or for numbers a <see cref="GoNumber"/>.</summary>
    public object? Value { get; } = value;

    public override string ToString() => Text;
}
