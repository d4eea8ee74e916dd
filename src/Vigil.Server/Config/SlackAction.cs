namespace Vigil.Server.Config;

/// <summary>
/// One of <c>slack_configs[].actions</c> (a button): every field is a template. A link button has <see cref="Url"/>; a message
/// button has <see cref="Name"/> (and maybe <see cref="Value"/>, <see cref="Confirm"/>), as Alertmanager keeps one or the other.
/// </summary>
public sealed record SlackAction
{
    public required string Type { get; init; }

    public required string Text { get; init; }

    public string Url { get; init; } = "";

    public string Style { get; init; } = "";

    public string Name { get; init; } = "";

    public string Value { get; init; } = "";

    public SlackConfirmation? Confirm { get; init; }
}
