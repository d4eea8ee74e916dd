namespace Vigil.Server.Config;

/// <summary>One of <c>slack_configs[].fields</c>: title and value are templates; <see cref="Short"/> null takes <c>short_fields</c>.</summary>
public sealed record SlackField(string Title, string Value, bool? Short);
