namespace Vigil.Server.Templates;

/// <summary>
/// An error inside a function, method or value conversion during execution; the executor wraps it with the template,
/// location and node as Go's text/template does.
/// </summary>
internal sealed class TemplateRuntimeException(string message) : Exception(message);
