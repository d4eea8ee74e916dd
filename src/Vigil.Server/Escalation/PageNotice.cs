namespace Vigil.Server.Escalation;

/// <summary>What one notification about a page says, to one person: the event, the level, and the signed links.</summary>
internal sealed record PageNotice(Page Page, string Event, int Level, string Person, string PageUrl, string AckUrl, string ResolveUrl);
