namespace Vigil.Server.Config;

/// <summary><c>sns_configs[]</c>, as Alertmanager 0.25 reads it (keys, defaults, validation texts).</summary>
internal static class SnsConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "api_url", "sigv4", "topic_arn", "phone_number", "target_arn", "subject", "message", "attributes",
    };

    private static readonly IReadOnlySet<string> SigV4Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "region", "access_key", "secret_key", "profile", "role_arn",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var sigv4 = SigV4(map.Get("sigv4"));
        var topic = IntegrationYaml.Text(map, "topic_arn");
        var target = IntegrationYaml.Text(map, "target_arn");
        var phone = IntegrationYaml.Text(map, "phone_number");
        // Alertmanager's check, kept as it is: ((target empty) != (topic empty)) != (phone empty).
        if (((target.Length == 0) != (topic.Length == 0)) != (phone.Length == 0))
        {
            throw node.Error("must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
        }
        var defaults = new SnsConfig();
        return new SnsConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            ApiUrl = IntegrationYaml.Text(map, "api_url"),
            SigV4 = sigv4,
            TopicArn = topic,
            TargetArn = target,
            PhoneNumber = phone,
            Subject = IntegrationYaml.Text(map, "subject", defaults.Subject),
            Message = IntegrationYaml.Text(map, "message", defaults.Message),
            Attributes = IntegrationYaml.StringMap(map.Get("attributes")),
        };
    }

    private static SigV4Config SigV4(YamlCursor? node)
    {
        if (node is null)
        {
            return new SigV4Config();
        }
        var map = node.Map(SigV4Known);
        var config = new SigV4Config
        {
            Region = IntegrationYaml.Text(map, "region"),
            AccessKey = IntegrationYaml.Text(map, "access_key"),
            SecretKey = IntegrationYaml.Text(map, "secret_key"),
            Profile = IntegrationYaml.Text(map, "profile"),
            RoleArn = IntegrationYaml.Text(map, "role_arn"),
        };
        if ((config.AccessKey.Length == 0) != (config.SecretKey.Length == 0))
        {
            throw node.Error("must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config");
        }
        return config;
    }
}
