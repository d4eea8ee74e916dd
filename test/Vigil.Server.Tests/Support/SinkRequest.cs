using System.Text;

namespace Vigil.Server.Tests.Support;

/// <summary>One request a <see cref="RequestSink"/> got: method, path with query, headers (case-insensitive) and the raw body.</summary>
public sealed record SinkRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
