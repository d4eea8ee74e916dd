using System.Text;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>
/// The alerts of the <c>msteams_configs</c> tests and the exact bodies Alertmanager 0.26 posts for them (0.25 has no Teams,
/// so there is no side-by-side reference): worked out from 0.26's notifier and default.tmpl:
/// <list type="bullet">
/// <item>the body is Go's <c>json.Encoder</c> output of the struct <c>{"@context","type","title","text","themeColor"}</c>
/// in that field order: <c>@context</c> is <c>http://schema.org/extensions</c>, <c>type</c> is <c>MessageCard</c>, the
/// theme colour is <c>8C1A1A</c> while any alert fires and <c>2DC72D</c> when all are resolved; strings are escaped as Go
/// does (<c>&lt; &gt; &amp;</c> as <c>\u003c \u003e \u0026</c>, non-ASCII kept as UTF-8) and the encoder ends the body
/// with a newline;</item>
/// <item><c>msteams.default.title</c> is <c>__subject</c>; <c>msteams.default.text</c> is a newline, then (if any fire)
/// a newline, <c># Alerts Firing:</c>, the Markdown list and a newline, then a newline, then the same for
/// <c># Alerts Resolved:</c>, then a newline. The Markdown list is, per alert, <c>\nLabels:\n</c>, each sorted label as
/// <c>"  - name = value\n"</c>, <c>\nAnnotations:\n</c>, each annotation the same way, <c>\nSource: URL\n</c>; and one
/// newline after the last alert.</item>
/// <item>only 5xx answers are retried (0.26's Teams retrier has no extra codes: a 429 is not retried).</item>
/// </list>
/// The expected bodies below are written one JSON line broken for reading: <see cref="Body"/> joins the lines.
/// </summary>
internal static class MsTeamsCards
{
    public const string TwoAlerts = """
        [{"labels":{"alertname":"DiskFull","instance":"db-1:9100","job":"node","severity":"critical"},
          "annotations":{"summary":"Disk <90%> & rising","description":"/var is \"full\" ✓"},
          "generatorURL":"http://prometheus:9090/graph?g0.expr=x&g0.tab=1"},
         {"labels":{"alertname":"DiskFull","instance":"db-2:9100","job":"node","severity":"critical"},
          "annotations":{"summary":"Disk at 91%"}}]
        """;

    /// <summary>The first alert of <see cref="TwoAlerts"/> in the default Markdown list: labels and annotations sorted by name.</summary>
    public const string FirstAlertMarkdown = """
        \nLabels:\n  - alertname = DiskFull\n  - instance = db-1:9100\n  - job = node\n  - severity = critical\n
        \nAnnotations:\n  - description = /var is \"full\" ✓\n  - summary = Disk \u003c90%\u003e \u0026 rising\n
        \nSource: http://prometheus:9090/graph?g0.expr=x\u0026g0.tab=1\n
        """;

    /// <summary>The second alert: no generator URL, so an empty source.</summary>
    public const string SecondAlertMarkdown = """
        \nLabels:\n  - alertname = DiskFull\n  - instance = db-2:9100\n  - job = node\n  - severity = critical\n
        \nAnnotations:\n  - summary = Disk at 91%\n
        \nSource: \n
        """;

    /// <summary>Default templates, both alerts firing: the list (and its closing newline) under "# Alerts Firing:", no
    /// resolved part (only the newlines around it), red.</summary>
    public static readonly string FiringCard = Body($$"""
        {"@context":"http://schema.org/extensions","type":"MessageCard",
        "title":"[FIRING:2] DiskFull (node critical)",
        "text":"\n
        \n# Alerts Firing:\n
        {{FirstAlertMarkdown}}
        {{SecondAlertMarkdown}}
        \n
        \n
        \n
        \n
        ","themeColor":"8C1A1A"}
        """);

    /// <summary>Default templates, the second alert resolved: both parts, still red (one alert fires).</summary>
    public static readonly string MixedCard = Body($$"""
        {"@context":"http://schema.org/extensions","type":"MessageCard",
        "title":"[FIRING:1] DiskFull (node critical)",
        "text":"\n
        \n# Alerts Firing:\n
        {{FirstAlertMarkdown}}
        \n
        \n
        \n
        \n# Alerts Resolved:\n
        {{SecondAlertMarkdown}}
        \n
        \n
        \n
        ","themeColor":"8C1A1A"}
        """);

    /// <summary>Default templates, both alerts resolved: no firing part, the list under "# Alerts Resolved:", green.</summary>
    public static readonly string ResolvedCard = Body($$"""
        {"@context":"http://schema.org/extensions","type":"MessageCard",
        "title":"[RESOLVED] DiskFull (node critical)",
        "text":"\n
        \n
        \n# Alerts Resolved:\n
        {{FirstAlertMarkdown}}
        {{SecondAlertMarkdown}}
        \n
        \n
        \n
        ","themeColor":"2DC72D"}
        """);

    /// <summary>Default templates, only the first alert, resolved: the group's other alert was resolved and notified before,
    /// so Alertmanager dropped it from the group; its labels are now all common.</summary>
    public static readonly string FirstResolvedCard = Body($$"""
        {"@context":"http://schema.org/extensions","type":"MessageCard",
        "title":"[RESOLVED] DiskFull (db-1:9100 node critical)",
        "text":"\n
        \n
        \n# Alerts Resolved:\n
        {{FirstAlertMarkdown}}
        \n
        \n
        \n
        ","themeColor":"2DC72D"}
        """);

    /// <summary>One JSON line written over several for reading (line breaks dropped), with the encoder's trailing newline.</summary>
    public static string Body(string lines) => string.Concat(lines.Split('\n')) + "\n";

    public static void AssertBody(string expected, SinkRequest request)
    {
        // As text first, so a difference shows where it is; then the bytes, so nothing is lost to decoding.
        Assert.Equal(expected, request.Text);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), request.Body);
    }
}
