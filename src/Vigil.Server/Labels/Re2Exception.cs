namespace Vigil.Server.Labels;

/// <summary>A pattern outside Go's RE2 syntax; the message is Go's: <c>error parsing regexp: CODE: `EXPR`</c>.</summary>
internal sealed class Re2Exception(string code, string expr)
    : FormatException($"error parsing regexp: {code}: `{(expr.Length > 200 ? expr[..200] + "…" : expr)}`");
