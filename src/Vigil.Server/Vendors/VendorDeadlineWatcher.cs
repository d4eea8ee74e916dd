using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;

namespace Vigil.Server.Vendors;

/// <summary>
/// The loop that notices missed vendor deadlines: it reads the tickets not resolved, records and pages each deadline
/// passed (<see cref="VendorRules.Missed"/>), then sleeps until the next deadline (<see cref="VendorRules.NextDeadline"/>)
/// or a ticket change. At start it catches up on deadlines passed while the server was down.
/// </summary>
internal sealed partial class VendorDeadlineWatcher : BackgroundService
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);

    private readonly VendorTicketStore _store;
    private readonly VendorTicketService _tickets;
    private readonly TimeProvider _clock;
    private readonly ILogger<VendorDeadlineWatcher> _logger;
    private readonly WakeSignal _wake;

    public VendorDeadlineWatcher(VendorTicketStore store, VendorTicketService tickets, TimeProvider clock, ILogger<VendorDeadlineWatcher> logger)
    {
        (_store, _tickets, _clock, _logger) = (store, tickets, clock, logger);
        _wake = new WakeSignal(clock);
        tickets.Changed += _ => _wake.Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next;
            try
            {
                next = await PassAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(e);
                failures++;
                next = _clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Min(failures, 6)));
            }
            await _wake.WaitAsync(next, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<DateTimeOffset?> PassAsync(CancellationToken ct)
    {
        DateTimeOffset? next = null;
        foreach (var ticket in await _store.OpenAsync(ct).ConfigureAwait(false))
        {
            await _tickets.CheckDeadlinesAsync(ticket, ct).ConfigureAwait(false);
            if (VendorRules.NextDeadline(ticket) is { } due && due > _clock.GetUtcNow() && (next is null || due < next))
            {
                next = due;
            }
        }
        // A periodic look as well, in case another node opened a ticket this one was not told about.
        var recheck = _clock.GetUtcNow() + Recheck;
        return next is null || recheck < next ? recheck : next;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Vendor deadline pass failed; retrying")]
    private partial void LogPassFailed(Exception e);
}
