using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Vigil.Drill.Demo;

/// <summary>One notification delivered to a person's (simulated) phone: the webhook contact method's JSON.</summary>
internal sealed record PhoneCall(string Person, DateTimeOffset At, string Event, string Title);

/// <summary>
/// The people's phones: the loopback sink their webhook contact methods point at. Keeps what arrived and prints each
/// delivery on the demo's console, so paging is visible where the demo runs.
/// </summary>
internal sealed class PhoneLog(TextWriter console, TimeProvider clock)
{
    private readonly ConcurrentQueue<PhoneCall> _calls = new();

    public IReadOnlyList<PhoneCall> Calls => [.. _calls];

    public void Receive(string person, string body)
    {
        string @event = "", title = body.Length > 200 ? body[..200] : body;
        try
        {
            if (JsonNode.Parse(body) is JsonObject o)
            {
                @event = o["event"]?.ToString() ?? "";
                title = o["page"]?["title"]?.ToString() ?? title;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not the webhook's JSON: shown as it came.
        }
        var call = new PhoneCall(person, clock.GetUtcNow(), @event, title);
        _calls.Enqueue(call);
        lock (console)
        {
            console.WriteLine($"[{call.At:HH:mm:ss}] phone of {person}: {(@event.Length > 0 ? @event + ": " : "")}{title}");
        }
    }
}
