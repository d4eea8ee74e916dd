namespace Vigil.Server.Oncall;

/// <summary>The kinds of contact method (<c>type:</c> in config, lower case).</summary>
public enum ContactKind
{
    /// <summary>An email address (sent over SMTP).</summary>
    Email,

    /// <summary>A Slack-compatible incoming-webhook URL.</summary>
    Slack,

    /// <summary>A generic JSON webhook URL.</summary>
    Webhook,
}
