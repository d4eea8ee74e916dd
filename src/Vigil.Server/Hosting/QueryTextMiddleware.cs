namespace Vigil.Server.Hosting;

/// <summary>
/// Refuses a query string whose decoded values hold a NUL character (<c>%00</c>) with 400 naming the parameter, as Kestrel
/// refuses one in the path: such a value reaching PostgreSQL (an audit or notification filter) fails there with a 500.
/// </summary>
internal sealed class QueryTextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                return Results.Problem(detail: $"{name.Replace("\0", "%00", StringComparison.Ordinal)}: a query parameter may not hold a NUL character (%00)",
                    statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            }
        }
        return next(context);
    }
}
