namespace Vigil.Server.Oncall;

/// <summary>A named group of people (<c>teams[]</c>); members are names of <see cref="Person"/>s.</summary>
public sealed record Team(string Name, IReadOnlyList<string> Members);
