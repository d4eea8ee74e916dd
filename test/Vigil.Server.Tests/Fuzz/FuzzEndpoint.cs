using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Tests.Fuzz;

/// <summary>One method of one route the server maps, read from its <see cref="EndpointDataSource"/> so that an
/// endpoint added later is fuzzed without anyone listing it.</summary>
internal sealed record FuzzEndpoint(string Method, RoutePattern Pattern, IReadOnlyList<string> QueryNames)
{
    /// <summary>Query parameters handlers read from <c>Request.Query</c> themselves (not visible in metadata).</summary>
    private static readonly string[] KnownQueryNames =
    [
        "filter", "receiver", "active", "silenced", "inhibited", "unprocessed", "assign", "state", "limit", "from", "to",
        "zone", "schedule", "at", "expired", "type", "id",
    ];

    /// <summary><c>POST /api/v1/maintenance/{id}</c>: the method and the route as written, without a trailing slash.</summary>
    public string Key => $"{Method} {Route}";

    public string Route => Pattern.RawText is { Length: > 1 } raw ? raw.TrimEnd('/') : Pattern.RawText ?? "/";

    public bool TakesBody => Method is "POST" or "PUT" or "PATCH";

    public bool Changes => Method is not ("GET" or "HEAD");

    public static IReadOnlyList<FuzzEndpoint> All(IServiceProvider services)
    {
        var result = new List<FuzzEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var bound = endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()
                .Where(p => !routeNames.Contains(p.Name) && IsSimple(p.ParameterInfo.ParameterType))
                .Select(p => p.Name);
            var queryNames = bound.Concat(KnownQueryNames).Distinct(StringComparer.Ordinal).ToList();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            result.AddRange(methods.Select(m => new FuzzEndpoint(m, endpoint.RoutePattern, queryNames)));
        }
        return result;
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t == typeof(string) || t == typeof(string[]) || t == typeof(DateTimeOffset) || t == typeof(decimal);
    }

    /// <summary>The path with each route parameter filled by <paramref name="valueFor"/> (given the name and its constraints).</summary>
    public string Path(Func<string, bool, string> valueFor)
    {
        var parts = new List<string>();
        foreach (var segment in Pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                text += part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p => valueFor(p.Name, p.ParameterPolicies.Any(c => c.Content is "long" or "int")),
                    _ => "",
                };
            }
            parts.Add(text);
        }
        return string.Join('/', parts);
    }
}
