namespace Vigil.Server.Notify;

/// <summary>How <see cref="OutboxDeliveryService"/> delivers outbox messages. Defaults suit production.</summary>
public sealed class OutboxDeliveryOptions
{
    private string? _owner;

    /// <summary>
    /// This node's name, the first part of <see cref="Owner"/>. At start the worker takes back the leases that earlier
    /// runs of the same node held (messages in flight when it died), so it must differ between nodes sharing a database.
    /// Default: the machine name and a random suffix (a node of its own: nothing is taken back). The server uses the
    /// machine name and its data folder.
    /// </summary>
    public string Node { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>Random per process; the server uses its cluster instance id, so the other nodes can take back the leases
    /// of a node that died (<see cref="Storage.OutboxStore.ReleaseLeasesOfInstanceAsync"/>).</summary>
    public string Instance { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Who holds the leases this worker takes; unique per process: <see cref="Node"/>, process id and <see cref="Instance"/>.</summary>
    public string Owner => _owner ??= $"{Node}/{Environment.ProcessId}/{Instance}";

    /// <summary>How often due retries are looked for without a <see cref="OutboxDeliveryService.Notify"/>. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed message is reserved for this worker. Default 5 min.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On a stop, how long requests already under way may still take (their outcome is then stored, so a restart does
    /// not send them again); cut after it, they are sent again after the restart, as after a crash. Real time, as the
    /// host's own shutdown timeout (30 s) is. Default 5 s.
    /// </summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time limit of one HTTP request. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick in-process retries after a retryable failure, before the message is put back with a delay. Default 2.</summary>
    public int QuickRetries { get; init; } = 2;

    /// <summary>First quick retry delay; doubled each time, with jitter. Default 200 ms.</summary>
    public TimeSpan QuickRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Delay before the first persisted retry; doubled per attempt made, with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the persisted retry delay. Default 5 min.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A message is failed after this many attempts. Default 400 (about 24 h at the capped delay).</summary>
    public int MaxAttempts { get; init; } = 400;

    /// <summary>A message is failed once this old. Default 24 h.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Concurrent requests for one receiver's integrations, so a slow receiver cannot take every slot. Default 4.</summary>
    public int MaxConcurrencyPerReceiver { get; init; } = 4;

    /// <summary>
    /// Concurrent requests to one target URL of the messages sent as stored (pages to a person's webhook, Slack or email,
    /// vendor tickets, reminders), which do not share their receiver's slots: a mass page reaches everyone at once,
    /// while one person's hanging endpoint holds only its own slots. Default 32.
    /// </summary>
    public int MaxConcurrencyPerTarget { get; init; } = 32;

    /// <summary>Messages in flight in this worker, over all receivers. Default 256.</summary>
    public int MaxInFlight { get; init; } = 256;

    /// <summary>
    /// At most this many messages are claimed at once. Default 256 (all of <see cref="MaxInFlight"/>): a mass page to
    /// one URL is claimed in a few large batches rather than many small ones that each wait for the database.
    /// </summary>
    public int ClaimBatchSize { get; init; } = 256;

    /// <summary>
    /// While at least <see cref="CompletionGatherInFlight"/> messages are in flight (a mass page), how long a write of
    /// delivery outcomes that would carry only a few of them first waits for more (real time, as a group commit's wait
    /// is), so a burst is stored in fewer, larger transactions. A lone notification's outcome is written at once.
    /// Default 2 ms; zero turns the wait off.
    /// </summary>
    public TimeSpan CompletionGather { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Messages in flight from which <see cref="CompletionGather"/> applies. Default 64 (two full sets of one target's slots).</summary>
    public int CompletionGatherInFlight { get; init; } = 64;
}
