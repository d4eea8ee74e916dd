using System.Net;
using System.Text;

namespace Vigil.Server.Tests.Fuzz;

/// <summary>Whose credentials a fuzz request carries.</summary>
internal enum FuzzCaller
{
    Admin,
    Read,
    Agent,
    None,
    Garbage,
}

/// <summary>One generated request, with a note of what is hostile about it (shown when it fails).</summary>
internal sealed record FuzzRequest(FuzzEndpoint Endpoint, string PathAndQuery, byte[]? Body, string? ContentType, FuzzCaller Caller, bool Chunked, string What)
{
    public HttpRequestMessage ToMessage(Func<FuzzCaller, string?> token)
    {
        // A fresh connection each time: one the server closed after refusing a large body is never reused by mistake.
        var message = new HttpRequestMessage(new HttpMethod(Endpoint.Method), PathAndQuery.TrimStart('/')) { Headers = { ConnectionClose = true } };
        if (token(Caller) is { } t)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + t);
        }
        if (Body is not null)
        {
            HttpContent content = Chunked ? new UnknownLengthContent(Body) : new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            message.Content = content;
            // A careful client's large upload: the answer (413, or 200 from an endpoint that ignores bodies) comes
            // before the body is sent, instead of a broken pipe when the server closes the connection on it.
            message.Headers.ExpectContinue = Body.Length > 64 * 1024;
        }
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : " body " + (Body.Length > 400
            ? $"({Body.Length} bytes{(Chunked ? ", chunked" : "")}) {Printable(Body.AsSpan(0, 300))}…"
            : Printable(Body));
        return $"{Endpoint.Method} {(PathAndQuery.Length > 300 ? PathAndQuery[..300] + "…" : PathAndQuery)} as {Caller} [{What}]{body}";
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes).Replace("\uFFFD", "\\xFF?", StringComparison.Ordinal);

    /// <summary>A body sent with chunked transfer encoding, so the server cannot refuse it by its Content-Length.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
