namespace Vigil.Server.Config;

/// <summary>
/// <c>sns_configs[].sigv4</c> (Prometheus' SigV4Config): the region and credentials requests are signed with. Without
/// keys, the AWS default chain is used (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, then the shared
/// credentials file's <see cref="Profile"/>).
/// </summary>
public sealed record SigV4Config
{
    /// <summary>Empty: AWS_REGION from the environment.</summary>
    public string Region { get; init; } = "";

    public string AccessKey { get; init; } = "";

    public string SecretKey { get; init; } = "";

    /// <summary>A profile of the shared credentials file. Empty: AWS_PROFILE, else <c>default</c>.</summary>
    public string Profile { get; init; } = "";

    /// <summary>A role to assume through STS AssumeRole with the other credentials; its temporary credentials then sign.</summary>
    public string RoleArn { get; init; } = "";
}
