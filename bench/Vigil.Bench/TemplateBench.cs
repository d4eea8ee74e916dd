using System.Diagnostics;
using System.Globalization;
using Vigil.Server.Config;
using Vigil.Server.Notify.Integrations;
using Vigil.Server.Templates;

namespace Vigil.Bench;

/// <summary>
/// <c>templates</c>: renders the default Slack message of a group of 3 alerts (2 firing, 1 resolved) on one thread, in
/// process, as the Slack notifier does: every field of a default slack_config (title, title_link, text, fallback, pretext,
/// username, color, footer, icon_emoji, icon_url, callback_id, channel) through <see cref="TemplateFields"/>, and the
/// request body Alertmanager sends (<see cref="SlackMessage"/>). Target: ≥ 50,000 notifications/s on one core.
/// </summary>
internal static class TemplateBench
{
    public static int Run(CommandArgs a)
    {
        var seconds = a.Int("seconds", 5);
        a.RejectUnknown();
        var clock = TimeProvider.System;
        var templates = NotificationTemplates.Defaults(clock);
        var data = Group(clock.GetUtcNow());
        var config = new SlackConfig { ApiUrl = new Uri("https://hooks.slack.com/services/T/B/X"), Channel = "#ops" };
        using var http = new HttpClient();
        var notification = new Notification(config, data, "{}:{alertname=\"HighErrorRate\"}", 0, [], templates, http, new GlobalConfig(), clock.GetUtcNow());
        long chars = Render(notification, 20_000);
        // CPU time as well as wall time: on a shared machine the wall-clock rate understates one core's throughput.
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long notifications = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            chars += Render(notification, 10_000);
            notifications += 10_000;
        }
        double rate = notifications / watch.Elapsed.TotalSeconds;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        double cpuRate = notifications / cpuSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"templates: {notifications} default Slack messages (12 fields and the JSON body, 3 alerts) on one thread in {watch.Elapsed.TotalSeconds:F1} s wall, {cpuSeconds:F1} s CPU (all threads)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {rate:N0} notifications/s wall clock; {cpuRate:N0} notifications per CPU second ({1e6 / cpuRate:F2} µs CPU each; checksum {chars % 10})"));
        Console.WriteLine("Example body: " + System.Text.Encoding.UTF8.GetString(SlackMessage.Build(config, new TemplateFields(notification)).Body).TrimEnd());
        return 0;
    }

    private static long Render(Notification notification, int count)
    {
        var config = (SlackConfig)notification.Config;
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            var fields = new TemplateFields(notification);
            total += SlackMessage.Build(config, fields).Body.Length;
        }
        return total;
    }

    private static TemplateData Group(DateTimeOffset now)
    {
        static TemplateKV Kv(params (string, string)[] pairs) => new(pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)));
        TemplateAlert Alert(string status, string instance, int minutes) => new(
            status,
            Kv(("alertname", "HighErrorRate"), ("cluster", "eu-1"), ("severity", "critical"), ("service", "checkout"), ("instance", instance)),
            Kv(("summary", "Error rate above 5%"), ("description", "5xx ratio on " + instance), ("runbook_url", "https://runbooks/errors")),
            GoTime.Utc(now.AddMinutes(-minutes)), status == "resolved" ? GoTime.Utc(now) : GoTime.Utc(DateTimeOffset.MinValue),
            "http://prometheus:9090/graph?g0.expr=rate", instance.GetHashCode(StringComparison.Ordinal).ToString("x16", CultureInfo.InvariantCulture));
        return new TemplateData(
            "slack-critical", "firing",
            new TemplateAlerts([Alert("firing", "web-1:9100", 5), Alert("firing", "web-2:9100", 4), Alert("resolved", "web-3:9100", 30)]),
            Kv(("alertname", "HighErrorRate"), ("service", "checkout")),
            Kv(("alertname", "HighErrorRate"), ("cluster", "eu-1"), ("severity", "critical"), ("service", "checkout")),
            Kv(("summary", "Error rate above 5%"), ("runbook_url", "https://runbooks/errors")),
            "http://alertmanager:9093");
    }
}
