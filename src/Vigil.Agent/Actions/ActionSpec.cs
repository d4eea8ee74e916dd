namespace Vigil.Agent.Actions;

/// <summary>
/// An action from the agent's own <c>actions:</c> (its allow-list): the server may ask for it by <see cref="Name"/>,
/// never send a command. Killed (with its process tree) after <see cref="Timeout"/>.
/// </summary>
internal sealed record ActionSpec(string Name, IReadOnlyList<string> Argv, TimeSpan Timeout)
{
    /// <summary>How long an action may run when its entry names no timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);
}
