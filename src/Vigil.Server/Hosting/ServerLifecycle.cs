namespace Vigil.Server.Hosting;

/// <summary>When the server started and whether it is ready (state restored, dispatcher running).</summary>
public sealed class ServerLifecycle(TimeProvider clock)
{
    private volatile bool _ready;

    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;

    /// <summary>The background warm-up started once ready (<see cref="AlertmanagerApi.AlertListWarmUp"/>); it never faults.</summary>
    public Task WarmUp { get; set; } = Task.CompletedTask;
}
