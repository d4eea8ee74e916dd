using System.Text.RegularExpressions;

namespace Vigil.Contracts.Agents;

/// <summary>What an action's name may be, the same for the agent's <c>actions:</c> and the server's API.</summary>
public static partial class ActionNames
{
    public const string Rule = "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);
}
