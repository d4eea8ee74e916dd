namespace Vigil.Server.Actions;

/// <summary>One thing that happened to a request (<c>agent_action_events</c>): requested, delivered, running, refused, ...</summary>
public sealed record ActionEvent(DateTimeOffset At, string Kind, string Actor, string Detail);
