using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Config;

/// <summary>
/// The configuration text as <c>GET /api/v2/status</c> shows it: the file as written, with every secret's value
/// replaced by <c>&lt;secret&gt;</c> (Alertmanager's marker) and every other byte kept. Alertmanager re-marshals its
/// parsed configuration, which drops comments and adds defaults; Vigil keeps the operator's text, so it also masks
/// a secret's value where it is repeated in a comment. Routing keys, which are mapping keys, become
/// <c>&lt;secret-1&gt;</c>, <c>&lt;secret-2&gt;</c>… in document order so the text stays valid YAML.
/// </summary>
internal static class ConfigRedactor
{
    public const string Mask = "<secret>";

    /// <summary>Values under these paths are secrets. <c>[]</c> is any list item, <c>*</c> any key, a leading <c>**</c> any prefix.</summary>
    private static readonly string[][] SecretValues = Patterns(
        // Alertmanager 0.25's Secret fields (shown as <secret> by amtool config show).
        "global.smtp_auth_password", "global.smtp_auth_secret", "global.slack_api_url", "global.opsgenie_api_key",
        "global.victorops_api_key", "global.wechat_api_secret",
        "**.http_config.basic_auth.password", "**.http_config.authorization.credentials", "**.http_config.bearer_token",
        "**.http_config.oauth2.client_secret",
        "receivers.[].email_configs.[].auth_password", "receivers.[].email_configs.[].auth_secret",
        "receivers.[].slack_configs.[].api_url", "receivers.[].pagerduty_configs.[].routing_key",
        "receivers.[].pagerduty_configs.[].service_key", "receivers.[].opsgenie_configs.[].api_key",
        "receivers.[].victorops_configs.[].api_key", "receivers.[].wechat_configs.[].api_secret",
        "receivers.[].pushover_configs.[].user_key", "receivers.[].pushover_configs.[].token",
        "receivers.[].telegram_configs.[].bot_token", "receivers.[].sns_configs.[].sigv4.secret_key",
        "receivers.[].discord_configs.[].webhook_url", "receivers.[].msteams_configs.[].webhook_url",
        // Vigil's own: the SMTP password, heartbeat ping ids, people's webhook and Slack URLs, probe request headers.
        "smtp.password", "heartbeats.[].uuid", "people.[].contact_methods.[].url", "probes.[].http.headers.*");

    /// <summary>
    /// Values under these paths are secrets that must still read as URLs: a webhook URL is a secret from Alertmanager
    /// 0.26 on (a Slack incoming webhook is one), but amtool 0.25 parses it as a plain URL and refuses <c>&lt;secret&gt;</c>.
    /// They keep scheme, host and port: <c>https://hooks.slack.com/&lt;secret&gt;</c>.
    /// </summary>
    private static readonly string[][] SecretUrls = Patterns("receivers.[].webhook_configs.[].url", "vendors.[].webhook");

    /// <summary>The keys (not values) of mappings under these paths are secrets: PagerDuty routing keys.</summary>
    private static readonly string[][] SecretKeys = Patterns("pagerduty.routing_keys.*");

    /// <summary>Values under these paths are secrets when they carry credentials in the URL (<c>user:password@</c>).</summary>
    private static readonly string[][] UrlsWithCredentials = Patterns("probes.[].http.url");

    /// <summary>The text of <paramref name="yaml"/> (whose parsed root is <paramref name="root"/>) with its secrets masked.</summary>
    public static string Redact(string yaml, YamlNode root)
    {
        var walk = new Walk(yaml);
        walk.Visit(root, []);
        walk.MaskInComments();
        return walk.Apply();
    }

    private static string[][] Patterns(params string[] patterns) => [.. patterns.Select(p => p.Split('.'))];

    private static bool Matches(string[][] patterns, List<string> path) => patterns.Any(p => Matches(p, path));

    private static bool Matches(string[] pattern, List<string> path)
    {
        var anyPrefix = pattern[0] == "**";
        var length = anyPrefix ? pattern.Length - 1 : pattern.Length;
        if (anyPrefix ? path.Count < length : path.Count != length)
        {
            return false;
        }
        var offset = path.Count - length;
        for (var i = 0; i < length; i++)
        {
            var want = pattern[anyPrefix ? i + 1 : i];
            if (want != "*" && want != path[offset + i])
            {
                return false;
            }
        }
        return true;
    }

    private sealed class Walk(string text)
    {
        private readonly SortedDictionary<int, (int End, string With)> _spans = [];
        private readonly HashSet<string> _values = new(StringComparer.Ordinal);
        private int _keys;

        public void Visit(YamlNode node, List<string> path)
        {
            switch (node)
            {
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        path.Add(key is YamlScalarNode { Value: { } name } ? name : "?");
                        if (Matches(SecretKeys, path) && key is YamlScalarNode keyScalar)
                        {
                            Replace(keyScalar, $"<secret-{++_keys}>");
                        }
                        if (Matches(SecretUrls, path) && value is YamlScalarNode { Value: { } secretUrl })
                        {
                            Replace((YamlScalarNode)value, Security.SecretView.Url(secretUrl));
                        }
                        else if (Matches(SecretValues, path)
                            || (Matches(UrlsWithCredentials, path) && value is YamlScalarNode { Value: { } url } && HasCredentials(url)))
                        {
                            MaskAll(value);
                        }
                        else
                        {
                            Visit(value, path);
                        }
                        path.RemoveAt(path.Count - 1);
                    }
                    break;
                case YamlSequenceNode sequence:
                    foreach (var item in sequence.Children)
                    {
                        path.Add("[]");
                        Visit(item, path);
                        path.RemoveAt(path.Count - 1);
                    }
                    break;
            }
        }

        /// <summary>A secret can be repeated in a comment ("# the key Grafana uses: …"); Alertmanager drops comments, we mask it there too.</summary>
        public void MaskInComments()
        {
            var secrets = _values.Where(v => v.Length >= 4).OrderByDescending(v => v.Length).ToList();
            if (secrets.Count == 0)
            {
                return;
            }
            var scanner = new Scanner(new StringReader(text), skipComments: false);
            while (scanner.MoveNext())
            {
                if (scanner.Current is not YamlDotNet.Core.Tokens.Comment comment)
                {
                    continue;
                }
                var start = (int)comment.Start.Index;
                var end = Math.Min((int)comment.End.Index, text.Length);
                foreach (var secret in secrets)
                {
                    for (var at = text.IndexOf(secret, start, end - start, StringComparison.Ordinal); at >= 0;
                         at = text.IndexOf(secret, at + secret.Length, end - at - secret.Length, StringComparison.Ordinal))
                    {
                        Add(at, at + secret.Length, Mask);
                    }
                }
            }
        }

        public string Apply()
        {
            var result = new StringBuilder(text.Length);
            var from = 0;
            foreach (var (start, (end, with)) in _spans)
            {
                if (start < from)
                {
                    continue; // inside a span already replaced (a secret repeated within a longer one)
                }
                result.Append(text, from, start - from).Append(with);
                from = end;
            }
            return result.Append(text, from, text.Length - from).ToString();
        }

        private void MaskAll(YamlNode node)
        {
            switch (node)
            {
                case YamlScalarNode scalar:
                    Replace(scalar, Mask);
                    break;
                case YamlMappingNode mapping:
                    foreach (var (_, value) in mapping.Children)
                    {
                        MaskAll(value);
                    }
                    break;
                case YamlSequenceNode sequence:
                    foreach (var item in sequence.Children)
                    {
                        MaskAll(item);
                    }
                    break;
            }
        }

        /// <summary>Replaces the scalar's text (quotes and block indicators included; its anchor, tag and trailing line breaks kept).</summary>
        private void Replace(YamlScalarNode scalar, string with)
        {
            if (string.IsNullOrEmpty(scalar.Value))
            {
                return; // Alertmanager shows an empty secret as empty, too
            }
            _values.Add(scalar.Value);
            var start = (int)scalar.Start.Index;
            var end = Math.Min((int)scalar.End.Index, text.Length);
            while (start < end && text[start] is '&' or '!')
            {
                while (start < end && !char.IsWhiteSpace(text[start]))
                {
                    start++;
                }
                while (start < end && char.IsWhiteSpace(text[start]))
                {
                    start++;
                }
            }
            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }
            if (end > start)
            {
                Add(start, end, with);
            }
        }

        private void Add(int start, int end, string with)
        {
            if (!_spans.TryGetValue(start, out var known) || known.End < end)
            {
                _spans[start] = (end, with);
            }
        }

        private static bool HasCredentials(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0;
    }
}
