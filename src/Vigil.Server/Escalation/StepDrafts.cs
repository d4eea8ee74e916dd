using Vigil.Server.Storage;

namespace Vigil.Server.Escalation;

/// <summary>A due page's step and what running it writes: its history entries (the step's own first) and its notifications.</summary>
public sealed record StepDraft(Page Page, PageStep Step, List<OutboxMessage> Messages, List<PageEvent> Events);

/// <summary>Steps drafted at <paramref name="Now"/> ahead of their transaction, with links signed by <paramref name="Key"/>.</summary>
public sealed record StepDrafts(List<StepDraft> Steps, byte[] Key, DateTimeOffset Now);
