namespace Vigil.Server.Templates;

/// <summary>The text a tree was parsed from and the name errors give it (Go's Tree.ParseName: the file name).</summary>
internal sealed record TemplateSource(string ParseName, string Text)
{
    /// <summary>Go's ErrorContext location <c>name:line:col</c> (col counts bytes from the line start, 0-based).</summary>
    public string Location(int pos)
    {
        string before = Text[..Math.Min(pos, Text.Length)];
        int lastNewline = before.LastIndexOf('\n');
        int col = lastNewline < 0 ? System.Text.Encoding.UTF8.GetByteCount(before) : System.Text.Encoding.UTF8.GetByteCount(before[(lastNewline + 1)..]);
        int line = 1 + before.Count(c => c == '\n');
        return FormattableString.Invariant($"{ParseName}:{line}:{col}");
    }
}
