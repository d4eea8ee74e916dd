using System.Text.RegularExpressions;

namespace Vigil.Server.Tests.Templates;

/// <summary>
/// The corpus of template renderings compared with amtool: every default text on three data sets, every
/// <c>define</c> of the corpus files, execution errors, and the files under <c>errors/</c> that must fail to parse.
/// A case is "file|text|data|type" (file may be empty).
/// </summary>
public static partial class AmtoolRenderCases
{
    public static readonly string CorpusDir = Path.Combine(AppContext.BaseDirectory, "Templates", "Corpus");

    public static readonly string[] DefaultNames =
    [
        "__subject", "__description", "__text_alert_list", "__alertmanager", "__alertmanagerURL",
        "slack.default.title", "slack.default.username", "slack.default.fallback", "slack.default.callbackid", "slack.default.pretext",
        "slack.default.titlelink", "slack.default.iconemoji", "slack.default.iconurl", "slack.default.text", "slack.default.footer",
        "pagerduty.default.description", "pagerduty.default.client", "pagerduty.default.clientURL", "pagerduty.default.instances",
        "opsgenie.default.message", "opsgenie.default.description", "opsgenie.default.source",
        "wechat.default.message", "wechat.default.to_user", "wechat.default.to_party", "wechat.default.to_tag", "wechat.default.agent_id",
        "victorops.default.state_message", "victorops.default.entity_display_name", "victorops.default.monitoring_tool",
        "pushover.default.title", "pushover.default.message", "pushover.default.url", "sns.default.subject", "sns.default.message",
        "telegram.default.message", "discord.default.title", "discord.default.message", "webex.default.message", "email.default.subject",
    ];

    public static readonly string[] ExecutionErrors =
    [
        "{{ index .Alerts 5 }}", "{{ template \"nope\" . }}", "{{ .Nope }}", "{{ eq 1 \"a\" }}", "{{ printf }}", "{{ len 3 }}",
        "{{ join \",\" .Alerts }}", "{{ .Status.Foo }}", "{{ nil }}", "{{ toUpper 1 }}", "{{ .CommonLabels.Remove }}", "{{ .Receiver 1 }}",
        "{{ lt .Alerts 1 }}", "{{ slice .Receiver 3 1 }}", "{{ range 5 }}{{ end }}", "{{ reReplaceAll \"(\" \"\" \"x\" }}",
        "{{ match \"[\" \"x\" }}", "{{ index .GroupLabels 1 }}", "{{ $x := 1 }}{{ $x.Foo }}", "{{ \"a\" 1 }}",
    ];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (string name in DefaultNames)
        {
            foreach (string set in new[] { "storm", "resolved", "hostile" })
            {
                // The alert-list templates take a list of alerts, as the defaults call them.
                string dot = name is "__text_alert_list" or "pagerduty.default.instances" ? ".Alerts" : ".";
                data.Add($"|{{{{ template \"{name}\" {dot} }}}}|{set}|text");
            }
        }
        foreach (string file in Directory.GetFiles(CorpusDir, "*.tmpl").Order(StringComparer.Ordinal))
        {
            string fileName = Path.GetFileName(file);
            bool html = fileName == "html.tmpl";
            foreach (Match m in DefineName().Matches(File.ReadAllText(file)))
            {
                string name = m.Groups[1].Value;
                foreach (string set in html ? new[] { "storm", "hostile" } : ["storm"])
                {
                    string text = $"{{{{ template \"{name}\" . }}}}";
                    data.Add($"{fileName}|{text}|{set}|{(html ? "html" : "text")}");
                }
            }
        }
        data.Add("functions.tmpl|{{ template \"fn.safe\" . }}|storm|html");
        data.Add("nested.tmpl|{{ template \"nodot\" }}|storm|text");
        foreach (string text in ExecutionErrors)
        {
            data.Add($"|{text}|storm|text");
        }
        foreach (string file in Directory.GetFiles(Path.Combine(CorpusDir, "errors"), "*.tmpl").Order(StringComparer.Ordinal))
        {
            data.Add($"errors/{Path.GetFileName(file)}|x|storm|text");
        }
        return data;
    }

    [GeneratedRegex("""\{\{-? ?define "([^"]+)" ?-?\}\}""")]
    private static partial Regex DefineName();
}
