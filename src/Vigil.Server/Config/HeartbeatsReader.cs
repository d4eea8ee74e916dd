using Vigil.Server.Heartbeats;
using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary>Reads Vigil's <c>heartbeats:</c> list; each needs a <c>uuid</c> (the ping secret) and a <c>period</c> or a <c>cron</c>.</summary>
internal static class HeartbeatsReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "uuid", "period", "grace", "cron", "time_zone", "labels",
    };

    public static IReadOnlyList<Heartbeat> Read(YamlCursor? node)
    {
        var result = new List<Heartbeat>();
        foreach (var item in node?.Items() ?? [])
        {
            var hb = ReadOne(item);
            if (result.Any(h => h.Name == hb.Name))
            {
                throw item.Error($"duplicate heartbeat name \"{hb.Name}\"");
            }
            if (result.Any(h => h.Id == hb.Id))
            {
                throw item.Error($"duplicate heartbeat uuid \"{hb.Id}\"");
            }
            result.Add(hb);
        }
        return result;
    }

    private static Heartbeat ReadOne(YamlCursor item)
    {
        var map = item.Map(Known);
        var name = map.Required("name").Text().Trim();
        if (name.Length == 0)
        {
            throw map.Required("name").Error("must not be empty");
        }
        var uuidNode = map.Required("uuid");
        if (!Guid.TryParse(uuidNode.Text(), out var uuid))
        {
            throw uuidNode.Error("not a UUID (make one with uuidgen)");
        }
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in map.Get("labels")?.Entries() ?? [])
        {
            labels.Add(LabelNames.IsValid(key) ? KeyValuePair.Create(key, value.Text()) : throw value.Error($"invalid label name \"{key}\""));
        }
        var hb = new Heartbeat { Id = uuid.ToString(), Name = name, Source = HeartbeatSources.Config, Labels = LabelSet.From(labels) };
        var error = HeartbeatDraft.Complete(ref hb, map.Get("period")?.Text(), map.Get("grace")?.Text(), map.Get("cron")?.Text(), map.Get("time_zone")?.Text());
        if (error is not null)
        {
            var field = error[..error.IndexOf(':', StringComparison.Ordinal)] switch { "timeZone" => "time_zone", var f => f };
            throw (map.Get(field) ?? item).Error(error[(error.IndexOf(':', StringComparison.Ordinal) + 2)..]);
        }
        return hb;
    }
}
