namespace Vigil.Server.Templates;

/// <summary>Where in an HTML document the template's text has left the output (a subset of html/template's states).</summary>
internal enum HtmlState
{
    Text,
    RawText,
    Comment,
    TagName,
    Tag,
    AttrName,
    AfterAttrName,
    BeforeValue,
    AttrValue,
}
