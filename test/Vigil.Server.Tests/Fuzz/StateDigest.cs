using System.Text;

namespace Vigil.Server.Tests.Fuzz;

/// <summary>
/// Everything a client can read back, as one text: alerts, silences, windows, heartbeats, hosts, overrides, tokens,
/// pages, notifications, probes, people and the audit log. Two equal digests mean no request in between changed state.
/// </summary>
internal static class StateDigest
{
    private static readonly string[] Paths =
    [
        "api/v2/alerts", "api/v1/silences?expired=true", "api/v1/maintenance", "api/v1/heartbeats", "api/v1/hosts",
        "api/v1/schedules/la/overrides", "api/v1/tokens", "api/v1/pages?limit=1000", "api/v1/notifications?limit=1000",
        "api/v1/probes", "api/v1/people", "api/v1/plans", "api/v1/audit?limit=1000",
    ];

    public static async Task<string> TakeAsync(HttpClient admin)
    {
        var reads = Paths.Select(async path =>
        {
            using var response = await admin.GetAsync(path);
            return $"{path} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        });
        return string.Join('\n', await Task.WhenAll(reads));
    }

    /// <summary>Waits until two reads a moment apart agree (an accepted request may still be applied in the background).</summary>
    public static async Task<string> SettledAsync(HttpClient admin)
    {
        var last = await TakeAsync(admin);
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(50);
            var next = await TakeAsync(admin);
            if (next == last)
            {
                return next;
            }
            last = next;
        }
        return last;
    }

    /// <summary>The first line that differs, shortened, for a failure message.</summary>
    public static string Difference(string before, string after)
    {
        var (a, b) = (before.Split('\n'), after.Split('\n'));
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                var at = 0;
                while (at < a[i].Length && at < b[i].Length && a[i][at] == b[i][at])
                {
                    at++;
                }
                var from = Math.Max(0, at - 80);
                return new StringBuilder().Append("before: …").Append(Cut(a[i], from)).Append("\n  after: …").Append(Cut(b[i], from)).ToString();
            }
        }
        return "(no line differs)";
    }

    private static string Cut(string s, int from) => s.Length - from > 300 ? s.Substring(from, 300) + "…" : s[from..];
}
