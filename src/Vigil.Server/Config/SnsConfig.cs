namespace Vigil.Server.Config;

/// <summary>
/// <c>sns_configs[]</c> as Alertmanager 0.25 reads it: an SNS Publish (query API, form-encoded, SigV4-signed) to a
/// topic, a target or a phone number. Text fields, ARNs, the phone number, the API URL and attributes are templates.
/// </summary>
public sealed record SnsConfig : IntegrationConfig
{
    public SnsConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "sns";

    /// <summary>The SNS endpoint (a template). Empty: <c>https://sns.REGION.amazonaws.com</c>.</summary>
    public string ApiUrl { get; init; } = "";

    public SigV4Config SigV4 { get; init; } = new();

    public string TopicArn { get; init; } = "";

    public string PhoneNumber { get; init; } = "";

    public string TargetArn { get; init; } = "";

    public string Subject { get; init; } = """{{ template "sns.default.subject" . }}""";

    public string Message { get; init; } = """{{ template "sns.default.message" . }}""";

    /// <summary>String message attributes; keys and values are templates.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public override string Target
    {
        get
        {
            var endpoint = ApiUrl.Length > 0 ? ApiUrl : $"https://sns.{SigV4.Region}.amazonaws.com";
            var to = TopicArn.Length > 0 ? TopicArn : TargetArn.Length > 0 ? TargetArn : "phone";
            return endpoint + " " + to;
        }
    }
}
