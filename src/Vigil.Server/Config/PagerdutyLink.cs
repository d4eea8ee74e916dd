namespace Vigil.Server.Config;

/// <summary><c>pagerduty_configs[].links[]</c>: both fields are templates; a link whose href renders empty is left out.</summary>
public sealed record PagerdutyLink(string Href, string Text);
