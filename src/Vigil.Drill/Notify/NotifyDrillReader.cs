using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;

namespace Vigil.Drill.Notify;

/// <summary>
/// Reads a <c>vigil drill notify</c> file with the configuration's YAML machinery, so every error names the file,
/// the line and the key (<c>drill.yaml:14: alerts[1].series: …</c>). The configuration is loaded by the server's own
/// loader: from a path relative to the file, or inline (errors then point at the drill file's lines).
/// </summary>
internal static class NotifyDrillReader
{
    /// <summary>When no <c>start:</c> is given: a fixed instant, so the same file always gives the same output.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "config", "start", "interval", "end", "alerts", "silences", "windows", "expect",
    };

    private static readonly IReadOnlySet<string> AlertKnown = new HashSet<string>(StringComparer.Ordinal) { "labels", "annotations", "series", "firing" };

    private static readonly IReadOnlySet<string> SpanKnown = new HashSet<string>(StringComparer.Ordinal) { "from", "to" };

    /// <exception cref="ConfigException">The file, or the configuration it names, is not valid.</exception>
    public static NotifyDrill ReadFile(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "", $"cannot read the drill file: {e.Message}", e);
        }
        return Read(text, path);
    }

    public static NotifyDrill Read(string text, string file)
    {
        var root = ConfigLoader.ParseYaml(text, file) ?? throw new ConfigException(file, 0, "", "the drill file is empty; config and alerts are required");
        var map = root.Map(Known);
        var config = ReadConfig(map.Required("config"), text, file);
        var start = map.Get("start") is { } s ? DrillTimes.Read(s, DateTimeOffset.MinValue) : DefaultStart;
        var interval = map.Get("interval")?.Duration() ?? TimeSpan.FromMinutes(1);
        if (interval <= TimeSpan.Zero)
        {
            throw map.Required("interval").Error("must be a positive duration");
        }
        var alerts = map.Required("alerts").Items().Select(a => ReadAlert(a, start, interval)).ToList();
        var silences = DrillItemsReader.Silences(map.Get("silences"), config, start);
        var windows = DrillItemsReader.Windows(map.Get("windows"), config, start);
        var expectations = DrillItemsReader.Expectations(map.Get("expect"), start);
        var end = map.Get("end") is { } e ? DrillTimes.Read(e, start) : DefaultEnd(config, start, alerts, silences, windows);
        if (end < start)
        {
            throw map.Required("end").Error("is before start");
        }
        return new NotifyDrill(file, config, start, interval, end, alerts, silences, windows, expectations);
    }

    private static VigilConfig ReadConfig(YamlCursor node, string text, string file)
    {
        if (node.Node is YamlDotNet.RepresentationModel.YamlScalarNode)
        {
            var path = node.Text();
            var full = Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", path);
            if (!System.IO.File.Exists(full))
            {
                throw node.Error($"no such configuration file: {full}");
            }
            return ConfigLoader.LoadFile(full);
        }
        // Inline: the mapping's own text, at its own lines and columns, so the loader's errors point into this file.
        if (node.Node is not YamlDotNet.RepresentationModel.YamlMappingNode { Style: not YamlDotNet.Core.Events.MappingStyle.Flow })
        {
            throw node.Error("expected a path to a configuration file, or the configuration as a block mapping");
        }
        var padded = Excerpt(text, node.Node.Start);
        try
        {
            return ConfigLoader.Load(padded, file);
        }
        catch (ConfigException e)
        {
            throw new ConfigException(file, e.Line, e.Key.Length > 0 ? "config." + e.Key : "config", e.Reason, e);
        }
    }

    /// <summary>
    /// The block mapping starting at <paramref name="from"/>: its lines up to the first line indented less, everything
    /// before it blanked (lines kept, columns spaced) so positions stay those of the drill file.
    /// </summary>
    private static string Excerpt(string text, YamlDotNet.Core.Mark from)
    {
        var lines = text.Split('\n');
        var indent = (int)from.Column - 1;
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i + 1 < from.Line)
            {
                sb.Append('\n');
                continue;
            }
            var content = line.TrimStart(' ');
            if (i + 1 > from.Line && content.Length > 0 && !content.StartsWith('#') && line.Length - content.Length < indent)
            {
                break;
            }
            sb.Append(i + 1 == from.Line ? new string(' ', indent) + line[Math.Min(indent, line.Length)..] : line).Append('\n');
        }
        return sb.ToString();
    }

    private static DrillAlert ReadAlert(YamlCursor item, DateTimeOffset start, TimeSpan interval)
    {
        var map = item.Map(AlertKnown);
        var labelsNode = map.Required("labels");
        var labels = LabelSet.From(labelsNode.Entries().Select(p => new KeyValuePair<string, string>(p.Key, p.Value.Text())));
        var annotations = AnnotationSet.From((map.Get("annotations")?.Entries() ?? []).Select(p => new KeyValuePair<string, string>(p.Key, p.Value.Text())));
        if (AlertValidation.Validate(labels, annotations, start, default) is { } invalid)
        {
            throw labelsNode.Error(invalid);
        }
        var (series, firing) = (map.Get("series"), map.Get("firing"));
        if ((series is null) == (firing is null))
        {
            throw item.Error("give either series (e.g. \"_x5 1x20 0\") or firing (e.g. [{from: 0m, to: 40m}])");
        }
        var spans = series is not null ? SeriesSpans(series, start, interval) : firing!.Items().Select(f => ReadSpan(f, start)).ToList();
        return new DrillAlert(labels, annotations, spans);
    }

    /// <summary>Sample i covers [start + i·interval, start + (i+1)·interval): the alert resolves when the series stops firing or ends.</summary>
    private static List<FiringSpan> SeriesSpans(YamlCursor node, DateTimeOffset start, TimeSpan interval)
    {
        var steps = SeriesNotation.Parse(node.Text(), out var error) ?? throw node.Error(error!);
        var spans = new List<FiringSpan>();
        DateTimeOffset? from = null;
        for (var i = 0; i <= steps.Count; i++)
        {
            var on = i < steps.Count && steps[i];
            var at = start + (interval * i);
            if (on && from is null)
            {
                from = at;
            }
            else if (!on && from is { } f)
            {
                spans.Add(new FiringSpan(f, at));
                from = null;
            }
        }
        return spans;
    }

    private static FiringSpan ReadSpan(YamlCursor node, DateTimeOffset start)
    {
        var map = node.Map(SpanKnown);
        var from = DrillTimes.Read(map.Required("from"), start);
        DateTimeOffset? to = map.Get("to") is { } t ? DrillTimes.Read(t, start) : null;
        return to <= from ? throw map.Required("to").Error("must be after from") : new FiringSpan(from, to);
    }

    /// <summary>The last change any entry makes, plus the longest group_wait + group_interval of the routes: time for the last notification.</summary>
    private static DateTimeOffset DefaultEnd(VigilConfig config, DateTimeOffset start, IEnumerable<DrillAlert> alerts,
        IEnumerable<Server.Silences.Silence> silences, IEnumerable<Server.Maintenance.MaintenanceWindow> windows)
    {
        IEnumerable<DateTimeOffset> changes =
        [
            start,
            .. alerts.SelectMany(a => a.Firing).SelectMany(s => s.To is { } to ? [s.From, to] : new[] { s.From }),
            .. silences.SelectMany(s => new[] { s.StartsAt, s.EndsAt }),
            .. windows.Where(w => !w.IsRecurring).SelectMany(w => new[] { w.Start, w.End ?? w.Start }),
        ];
        var slack = RouteNode.Build(config.Route).Walk().Max(r => r.GroupWait + r.GroupInterval);
        return changes.Max() + slack;
    }
}
