using DnsClient;
using DnsClient.Protocol;

namespace Vigil.Server.Probes;

/// <summary>A <c>dns</c> probe: one query (no cache, no retries), passing when answered and, if given, with the expected answer.</summary>
internal sealed class DnsProber : IProber
{
    private readonly DnsProbeSpec _spec;
    private readonly TimeProvider _clock;
    private readonly LookupClient _client;
    private readonly QueryType _type;

    public DnsProber(DnsProbeSpec spec, TimeSpan timeout, TimeProvider clock)
    {
        _spec = spec;
        _clock = clock;
        _type = Enum.Parse<QueryType>(spec.RecordType, ignoreCase: true);
        var options = spec.Server is { } server ? new LookupClientOptions(server) : new LookupClientOptions();
        options.UseCache = false;
        options.Retries = 0;
        options.Timeout = timeout;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        _client = new LookupClient(options);
    }

    public async Task<ProbeResult> RunAsync(CancellationToken ct)
    {
        var started = _clock.GetTimestamp();
        try
        {
            var response = await _client.QueryAsync(_spec.Name, _type, QueryClass.IN, ct).ConfigureAwait(false);
            var elapsed = _clock.GetElapsedTime(started);
            if (response.HasError)
            {
                return ProbeResult.Fail(elapsed, $"{_spec.RecordType} {_spec.Name}: {response.ErrorMessage}");
            }
            var answers = response.Answers.Where(r => r.RecordType == (ResourceRecordType)_type).Select(Text).ToList();
            if (answers.Count == 0)
            {
                return ProbeResult.Fail(elapsed, $"{_spec.RecordType} {_spec.Name}: no answer");
            }
            if (_spec.Expected is { } expected && !answers.Any(a => string.Equals(a.TrimEnd('.'), expected.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)))
            {
                return ProbeResult.Fail(elapsed, $"{_spec.RecordType} {_spec.Name}: expected {expected}, got {string.Join(", ", answers)}");
            }
            return ProbeResult.Pass(elapsed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ProbeResult.Fail(_clock.GetElapsedTime(started), "timed out");
        }
        catch (DnsResponseException e)
        {
            return ProbeResult.Fail(_clock.GetElapsedTime(started), $"{_spec.RecordType} {_spec.Name}: {e.Message}");
        }
    }

    public void Dispose()
    {
    }

    private static string Text(DnsResourceRecord record) => record switch
    {
        ARecord a => a.Address.ToString(),
        AaaaRecord a => a.Address.ToString(),
        CNameRecord c => c.CanonicalName.Value,
        TxtRecord t => string.Concat(t.Text),
        MxRecord m => m.Exchange.Value,
        _ => record.ToString(),
    };
}
