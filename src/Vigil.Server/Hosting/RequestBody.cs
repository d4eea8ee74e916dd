using System.Buffers;
using Vigil.Server.Config;

namespace Vigil.Server.Hosting;

/// <summary>Reads a request body whole, refusing (413) anything larger than <c>server.max_body_bytes</c>.</summary>
internal static class RequestBody
{
    public static async Task<(byte[]? Body, IResult? TooLarge)> ReadAsync(HttpRequest request, ConfigHolder config, CancellationToken ct)
    {
        var (body, tooLarge) = await ReadAsync(request, config, pooled: false, ct);
        return (body?.Array, tooLarge);
    }

    /// <summary>
    /// As <see cref="ReadAsync(HttpRequest, ConfigHolder, CancellationToken)"/>, into a buffer rented from the shared pool
    /// when the length is declared: the caller disposes the body once nothing reads it any more. For the alert ingest,
    /// where request bodies were half of all the bytes the server allocated.
    /// </summary>
    public static Task<(PooledBody? Body, IResult? TooLarge)> ReadPooledAsync(HttpRequest request, ConfigHolder config, CancellationToken ct) =>
        ReadAsync(request, config, pooled: true, ct);

    private static async Task<(PooledBody? Body, IResult? TooLarge)> ReadAsync(HttpRequest request, ConfigHolder config, bool pooled, CancellationToken ct)
    {
        var max = config.Current.Server.MaxBodyBytes;
        try
        {
            return await ReadAsync(request, max, pooled, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel counted past the limit first (a chunked body, or a limit lowered by a reload mid-request).
            return (null, TooLargeResult(max));
        }
    }

    private static async Task<(PooledBody? Body, IResult? TooLarge)> ReadAsync(HttpRequest request, long max, bool pooled, CancellationToken ct)
    {
        if (request.ContentLength is { } declared && declared > max)
        {
            return (null, TooLargeResult(max));
        }
        if (request.ContentLength is { } length)
        {
            // The usual case: read straight into an array of the declared size, the one copy the ingest log then keeps.
            var body = pooled ? new PooledBody(ArrayPool<byte>.Shared.Rent((int)length), (int)length) : new PooledBody(new byte[length]);
            var read = 0;
            while (read < body.Length)
            {
                var n = await request.Body.ReadAsync(body.Array.AsMemory(read, body.Length - read), ct);
                if (n == 0)
                {
                    return (body.Truncate(read), null);
                }
                read += n;
            }
            return (body, null);
        }
        // No length declared (a chunked body: HttpClient's JSON content, so every agent report): read into rented arrays,
        // each twice the last, and keep one array of the body's size (or the rented one, for a pooled body). A writer that
        // started at 16 KiB and grew for the next read was ~50 KiB of garbage per report: at 500 agents, the most bytes
        // the server allocated during a plan run.
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkedStart);
        var count = 0;
        var kept = false;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var n = await request.Body.ReadAsync(buffer.AsMemory(count), ct);
                if (n == 0)
                {
                    break;
                }
                count += n;
                if (count > max)
                {
                    return (null, TooLargeResult(max));
                }
            }
            if (pooled)
            {
                kept = true;
                return (new PooledBody(buffer, count), null);
            }
            return (new PooledBody(buffer.AsSpan(0, count).ToArray()), null);
        }
        finally
        {
            if (!kept)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The first array a body of no declared length is read into: an agent's report fits.</summary>
    private const int ChunkedStart = 8 * 1024;

    private static IResult TooLargeResult(long max) =>
        Results.Problem(
            detail: $"request body is larger than server.max_body_bytes ({max} bytes)",
            statusCode: StatusCodes.Status413PayloadTooLarge);
}
