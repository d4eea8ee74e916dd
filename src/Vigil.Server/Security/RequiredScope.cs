namespace Vigil.Server.Security;

/// <summary>Endpoint metadata naming the scope an endpoint needs; without it GET/HEAD need read, others write.</summary>
public sealed record RequiredScope(Scope Scope)
{
    public static Scope For(HttpContext context)
    {
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>();
        if (declared is not null)
        {
            return declared.Scope;
        }
        return HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ? Scope.Read : Scope.Write;
    }
}

public static class RequiredScopeExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, Scope scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope));

    /// <summary>Marks an endpoint as open (no token): health, readiness, metrics.</summary>
    public static TBuilder AllowAnonymousAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenEndpoint());
}

/// <summary>Metadata: this endpoint needs no token.</summary>
public sealed record OpenEndpoint;
