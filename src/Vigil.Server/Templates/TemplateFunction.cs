namespace Vigil.Server.Templates;

/// <summary>
/// A function callable from a template (a builtin, an Alertmanager function, or a bound method): its Go parameter
/// types (the last repeated when <see cref="Variadic"/>), and its body. A body reports Go's returned error by throwing
/// <see cref="TemplateRuntimeException"/>, which the executor prints as <c>error calling NAME: …</c>.
/// </summary>
internal sealed record TemplateFunction(string Name, GoType[] Params, bool Variadic, Func<object?[], object?> Body)
{
    public static TemplateFunction Of(string name, GoType[] parameters, Func<object?[], object?> body) => new(name, parameters, false, body);

    public static TemplateFunction OfVariadic(string name, GoType[] parameters, Func<object?[], object?> body) => new(name, parameters, true, body);
}
