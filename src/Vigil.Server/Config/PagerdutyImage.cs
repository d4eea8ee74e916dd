namespace Vigil.Server.Config;

/// <summary><c>pagerduty_configs[].images[]</c>: every field is a template; an image whose src renders empty is left out.</summary>
public sealed record PagerdutyImage(string Src, string Alt, string Href);
