namespace Vigil.Server.Web.Users;

/// <summary>A partial change of a user: only what is given changes. <see cref="SetPerson"/> with a null or empty
/// <see cref="Person"/> removes the link to a person.</summary>
public sealed record UiAccountChange(string? Role = null, string? Password = null, bool SetPerson = false, string? Person = null, bool? Disabled = null);
