namespace Vigil.Server.Oncall;

/// <summary>One way to reach a person: <see cref="Kind"/> is <c>email</c>, <c>slack</c> or <c>webhook</c>; <see cref="Address"/> the address or URL.</summary>
public sealed record ContactMethod(string Kind, string Address);
