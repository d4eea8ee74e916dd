namespace Vigil.Server.Actions;

/// <summary>
/// Where an agent action request is: <see cref="Pending"/> → <see cref="Delivered"/> (handed to the agent) →
/// <see cref="Running"/> (the agent said it starts) → <see cref="Succeeded"/> | <see cref="Failed"/>; or
/// <see cref="Refused"/> by the agent, or <see cref="Expired"/> before the agent took it up.
/// </summary>
public enum ActionState
{
    Pending,
    Delivered,
    Running,
    Succeeded,
    Failed,
    Refused,
    Expired,
}

public static class ActionStates
{
    public static string Name(this ActionState state) => state.ToString().ToLowerInvariant();

    public static ActionState Parse(string text) => Enum.Parse<ActionState>(text, ignoreCase: true);

    /// <summary>True once nothing more will happen to the request.</summary>
    public static bool IsFinished(this ActionState state) => state is ActionState.Succeeded or ActionState.Failed or ActionState.Refused or ActionState.Expired;
}
