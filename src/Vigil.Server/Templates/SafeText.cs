namespace Vigil.Server.Templates;

/// <summary>html/template's typed strings (<c>template.HTML</c> from safeHtml, <c>template.URL</c> from safeUrl), trusted by the HTML escaper.</summary>
internal sealed record SafeText(string Text, bool IsUrl)
{
    public string GoTypeName => IsUrl ? "template.URL" : "template.HTML";

    public override string ToString() => Text;
}
