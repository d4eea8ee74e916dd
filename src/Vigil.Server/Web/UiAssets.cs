using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Vigil.Server.Security;

namespace Vigil.Server.Web;

/// <summary>The UI's stylesheet and script, embedded in the assembly (no build step, no files to deploy) and served
/// under a content-hashed URL so a browser caches them for good and a new version is fetched at once.</summary>
public static class UiAssets
{
    public const string Prefix = "/ui/assets";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    public static string Url(string name) => $"{Prefix}/{name}?v={Assets[name].Hash}";

    internal static void MapUiAssets(this IEndpointRouteBuilder app) =>
        app.MapGet(Prefix + "/{name}", (string name, HttpContext context) =>
        {
            if (!Assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }
            var etag = "\"" + asset.Hash + "\"";
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            context.Response.Headers.ETag = etag;
            return context.Request.Headers.IfNoneMatch.ToString() == etag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Bytes, asset.ContentType);
        }).AllowAnonymousAccess();

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            const string Marker = "ui-assets/";
            if (!resource.StartsWith(Marker, StringComparison.Ordinal))
            {
                continue;
            }
            var bytes = Read(assembly, resource);
            var name = resource[Marker.Length..];
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8"
                : name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8"
                : "application/octet-stream";
            assets[name] = new Asset(bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string Hash);
}
