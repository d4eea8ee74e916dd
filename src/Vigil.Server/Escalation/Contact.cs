namespace Vigil.Server.Escalation;

/// <summary>Where to reach a person: <see cref="Channel"/> <c>email</c>, <c>slack</c> or <c>webhook</c>, sent <see cref="Delay"/> after the step.</summary>
public sealed record Contact(string Channel, string Address, TimeSpan Delay);
