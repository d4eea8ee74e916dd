namespace Vigil.Server.Hosting;

/// <summary>
/// Gives every request an id, answered in <c>X-Request-Id</c> and carried by every ProblemDetails (<c>requestId</c>)
/// and by the log line of an unexpected error, so that a 500 seen by a client can be found in the log. A caller's own
/// <c>X-Request-Id</c> (as a proxy sets it) is kept when it is short and plain; otherwise Kestrel's id is used.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-Id";

    public Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[Header];
        if (given.Count == 1 && IsPlain(given[0]))
        {
            context.TraceIdentifier = given[0]!;
        }
        context.Response.Headers[Header] = context.TraceIdentifier;
        return next(context);
    }

    // Only what cannot forge a log line or a header: letters, digits and . _ : -, at most 128.
    private static bool IsPlain(string? id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');
}
