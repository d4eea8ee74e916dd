using System.Text.Json.Nodes;
using Vigil.Server.Tests.Config;
using Vigil.Server.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Tests.Compatibility;

/// <summary>The fields Vigil masks in <c>config.original</c>, against what the real Alertmanager 0.25 masks in the same file.</summary>
public sealed class ConfigSecretsParityTests
{
    /// <summary>Every Secret-typed field Alertmanager 0.25 has, each with a value (no global http_config: Alertmanager copies it into every receiver).</summary>
    private const string EverySecret = """
        global:
          smtp_auth_password: g-smtp-pass
          smtp_auth_secret: g-smtp-secret
          slack_api_url: https://hooks.slack.com/services/G/S/U
          opsgenie_api_key: g-og-key
          victorops_api_key: g-vo-key
          wechat_api_secret: g-wc-secret
        route:
          receiver: all
        receivers:
          - name: all
            webhook_configs:
              - url: http://127.0.0.1:5001/hook?token=w1
                http_config:
                  authorization: {credentials: w-cred}
              - url: http://127.0.0.1:5002/
                http_config:
                  oauth2: {client_id: c, client_secret: w-oauth-secret, token_url: 'http://127.0.0.1:9/token'}
              - url: http://127.0.0.1:5003/
                http_config:
                  basic_auth: {username: u, password: w-basic-pass}
            email_configs:
              - {to: a@example.com, from: v@example.com, smarthost: '127.0.0.1:25', auth_password: e-pass, auth_secret: e-secret}
            pagerduty_configs:
              - routing_key: pd-routing
              - service_key: pd-service
            slack_configs:
              - {api_url: 'https://hooks.slack.com/services/A/B/C', channel: x}
            opsgenie_configs:
              - api_key: og-key
            victorops_configs:
              - {api_key: vo-key, routing_key: vo-route}
            wechat_configs:
              - {api_secret: wc-secret, corp_id: corp}
            pushover_configs:
              - {user_key: po-user, token: po-token}
            telegram_configs:
              - {bot_token: tg-token, chat_id: 1}
            sns_configs:
              - topic_arn: arn:aws:sns:us-east-1:123456789012:t
                sigv4: {region: us-east-1, access_key: AK, secret_key: sns-secret}
            discord_configs:
              - webhook_url: https://discord.com/api/webhooks/1/x
            webex_configs:
              - room_id: r
                http_config:
                  authorization: {credentials: webex-cred}
        """;

    [Fact]
    public async Task Redactor_MasksEveryFieldAlertmanager025Masks_AndWebhookUrlsAsLaterVersionsDo()
    {
        using var am = await RealAlertmanager.StartAsync(EverySecret);
        var shown = JsonNode.Parse(await am.Http.GetStringAsync("api/v2/status"))!["config"]!["original"]!.ToString();
        var theirs = SecretPaths(shown);
        var ours = SecretPaths(ConfigRedactorTests.Redact(EverySecret));

        Assert.Contains("receivers[0].sns_configs[0].sigv4.secret_key", theirs);
        Assert.Equal(["receivers[0].webhook_configs[0].url", "receivers[0].webhook_configs[1].url", "receivers[0].webhook_configs[2].url"],
            ours.Except(theirs).Order(StringComparer.Ordinal));
        Assert.Empty(theirs.Except(ours));
    }

    private static HashSet<string> SecretPaths(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Collect(stream.Documents[0].RootNode, "", paths);
        return paths;
    }

    private static void Collect(YamlNode node, string path, HashSet<string> paths)
    {
        switch (node)
        {
            // A webhook URL keeps its scheme and host (amtool 0.25 must still parse it as a URL): http://host/<secret>.
            case YamlScalarNode { Value: { } value } when value == "<secret>" || value.EndsWith("/<secret>", StringComparison.Ordinal):
                paths.Add(path);
                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    Collect(value, (path.Length == 0 ? "" : path + ".") + ((YamlScalarNode)key).Value, paths);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Collect(sequence.Children[i], $"{path}[{i}]", paths);
                }
                break;
        }
    }
}
