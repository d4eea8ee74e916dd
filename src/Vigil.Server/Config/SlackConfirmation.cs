namespace Vigil.Server.Config;

/// <summary>The <c>confirm</c> dialog of a Slack message button; every field is a template.</summary>
public sealed record SlackConfirmation(string Text, string Title, string OkText, string DismissText);
