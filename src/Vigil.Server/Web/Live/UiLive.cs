using System.Text;
using Vigil.Server.Security;

namespace Vigil.Server.Web.Live;

/// <summary>
/// <c>GET /ui/events?topics=alerts,pages</c>: a server-sent event stream that says which topics changed
/// (<c>event: change</c>, <c>data: alerts pages</c>), at most every 250 ms, with a comment line every 20 s to
/// keep proxies from closing it. The page's script re-fetches its <c>data-live</c> regions when told. A stream
/// ends after 10 minutes so a browser reconnects and its session is checked again.
/// </summary>
internal static class UiLive
{
    public const string Header = "X-Vigil-Live";
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static void MapUiLive(this IEndpointRouteBuilder app) =>
        app.MapGet("/ui/events", StreamAsync).AllowAnonymousAccess(); // the UI session middleware guards /ui

    private static async Task StreamAsync(HttpContext context, UiChangeFeed feed, TimeProvider clock)
    {
        var topics = new List<UiTopic>();
        foreach (var part in context.Request.Query["topics"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<UiTopic>(part, ignoreCase: true, out var topic) || !Enum.IsDefined(topic) || char.IsDigit(part[0]))
            {
                await Results.Problem(detail: $"topics: unknown topic '{part}'; known: {string.Join(", ", Enum.GetNames<UiTopic>().Select(n => n.ToLowerInvariant()))}",
                    statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
                return;
            }
            topics.Add(topic);
        }
        if (topics.Count == 0)
        {
            topics.AddRange(Enum.GetValues<UiTopic>());
        }
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var ct = context.RequestAborted;
        var seen = topics.Select(feed.Version).ToArray();
        var ends = clock.GetUtcNow() + Lifetime;
        try
        {
            await WriteAsync(context, "retry: 2000\n: connected\n\n", ct);
            while (clock.GetUtcNow() < ends)
            {
                var next = feed.NextChange();
                var changed = Changed(feed, topics, seen);
                if (changed.Count == 0)
                {
                    var woke = await Task.WhenAny(next, Task.Delay(KeepAlive, clock, ct));
                    if (woke != next)
                    {
                        await WriteAsync(context, ": ping\n\n", ct);
                    }
                    continue;
                }
                await Task.Delay(Coalesce, clock, ct);
                changed = [.. changed.Union(Changed(feed, topics, seen))];
                await WriteAsync(context, "event: change\ndata: " + string.Join(' ', changed.Select(t => t.ToString().ToLowerInvariant())) + "\n\n", ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away.
        }
    }

    private static List<UiTopic> Changed(UiChangeFeed feed, List<UiTopic> topics, long[] seen)
    {
        var changed = new List<UiTopic>();
        for (var i = 0; i < topics.Count; i++)
        {
            var v = feed.Version(topics[i]);
            if (v != seen[i])
            {
                seen[i] = v;
                changed.Add(topics[i]);
            }
        }
        return changed;
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken ct)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
