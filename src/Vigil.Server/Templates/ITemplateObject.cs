namespace Vigil.Server.Templates;

/// <summary>A value whose fields, methods or map keys templates reach with <c>.Name</c>.</summary>
internal interface ITemplateObject
{
    /// <summary>The Go type name errors quote (<c>template.KV</c>, <c>*template.Data</c>).</summary>
    string GoTypeName { get; }

    /// <summary>Methods first, then fields or map keys, as Go resolves them.</summary>
    TemplateMember Member(string name);
}
