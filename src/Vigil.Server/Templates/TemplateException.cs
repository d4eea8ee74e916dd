namespace Vigil.Server.Templates;

/// <summary>A template parse or execution error, with Go's text: <c>template: slack.tmpl:12: unexpected "}" in operand</c>.</summary>
public sealed class TemplateException(string message) : Exception(message);
