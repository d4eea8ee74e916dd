namespace Vigil.Server.Config;

/// <summary>
/// <c>wechat_configs[]</c> as Alertmanager 0.25 reads it: an access token fetched with the corp id and secret (and kept
/// for two hours), then the message sent to WeChat Work's message/send. Text fields are templates.
/// </summary>
public sealed record WechatConfig : IntegrationConfig
{
    public override string Kind => "wechat";

    /// <summary>A template. Default <c>global.wechat_api_secret</c>.</summary>
    public required string ApiSecret { get; init; }

    /// <summary>A template. Default <c>global.wechat_api_corp_id</c>.</summary>
    public required string CorpId { get; init; }

    /// <summary>Always ends with "/". Default <c>global.wechat_api_url</c>.</summary>
    public required Uri ApiUrl { get; init; }

    public string Message { get; init; } = """{{ template "wechat.default.message" . }}""";

    public string ToUser { get; init; } = """{{ template "wechat.default.to_user" . }}""";

    public string ToParty { get; init; } = """{{ template "wechat.default.to_party" . }}""";

    public string ToTag { get; init; } = """{{ template "wechat.default.to_tag" . }}""";

    public string AgentId { get; init; } = """{{ template "wechat.default.agent_id" . }}""";

    /// <summary><c>text</c> (default) or <c>markdown</c>.</summary>
    public string MessageType { get; init; } = "text";

    public override string Target => ApiUrl.GetLeftPart(UriPartial.Path) + "message/send";
}
