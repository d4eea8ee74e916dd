using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// Fire/resolve churn over alert groups <c>Churn0…ChurnN</c> (grouped by alertname), with the truth kept on the side,
/// and the check of what a webhook receiver got against it. Every alert is a new incarnation (label <c>n</c>) that fires
/// once and resolves at most once, so an alert shown firing after it was shown resolved is always a stale message.
/// The last round leaves every third group fully resolved, every third partly resolved and the rest firing.
/// </summary>
public sealed class GroupChurn
{
    private readonly Random _random;
    private readonly List<HashSet<string>> _firing = [];
    private readonly List<HashSet<string>> _resolved = [];
    private int _round;

    public GroupChurn(int groups, int seed)
    {
        Seed = seed;
        _random = new Random(seed);
        for (var g = 0; g < groups; g++)
        {
            _firing.Add([]);
            _resolved.Add([]);
        }
    }

    public int Seed { get; }

    /// <summary>Every group with one firing alert: the state the receiver is known to have before an outage.</summary>
    public string FirstRound()
    {
        var alerts = new List<string>();
        for (var g = 0; g < _firing.Count; g++)
        {
            alerts.Add(Fire(g));
        }
        _round++;
        return Body(alerts);
    }

    /// <summary>One round of churn: in each group some firing alerts resolve and a new one may fire.</summary>
    public string NextRound()
    {
        var alerts = new List<string>();
        for (var g = 0; g < _firing.Count; g++)
        {
            foreach (var n in _firing[g].Where(_ => _random.Next(2) == 0).ToList())
            {
                alerts.Add(Resolve(g, n));
            }
            if (_random.Next(10) < 7)
            {
                alerts.Add(Fire(g));
            }
        }
        _round++;
        return Body(alerts);
    }

    /// <summary>The final round: groups 0, 3, 6, … end fully resolved; 1, 4, 7, … with one alert firing and the rest resolved; the others fire one more.</summary>
    public string LastRound()
    {
        var alerts = new List<string>();
        for (var g = 0; g < _firing.Count; g++)
        {
            switch (g % 3)
            {
                case 0:
                    alerts.AddRange(_firing[g].ToList().Select(n => Resolve(g, n)));
                    break;
                case 1:
                    alerts.Add(Fire(g));
                    alerts.AddRange(_firing[g].Where(n => n != Current(g)).ToList().Select(n => Resolve(g, n)));
                    break;
                default:
                    alerts.Add(Fire(g));
                    break;
            }
        }
        _round++;
        return Body(alerts);
    }

    /// <summary>
    /// Asserts, per group, on the webhook bodies the receiver accepted (in arrival order): the last one shows exactly the
    /// alerts still firing (status resolved when none is); no alert is shown firing after it was shown resolved; and
    /// every alert shown firing that is resolved by now was shown resolved.
    /// </summary>
    public void AssertReceiverEndsOnTruth(IEnumerable<string> accepted)
    {
        var problems = Problems(accepted);
        Assert.True(problems.Count == 0, $"seed {Seed}: " + string.Join("\n", problems));
    }

    /// <summary>What <see cref="AssertReceiverEndsOnTruth"/> would complain about; empty when all is well.</summary>
    public List<string> Problems(IEnumerable<string> accepted)
    {
        var byGroup = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var body in accepted)
        {
            var message = JsonNode.Parse(body)!.AsObject();
            var group = message["groupLabels"]!["alertname"]!.ToString();
            (byGroup.TryGetValue(group, out var list) ? list : byGroup[group] = []).Add(message);
        }
        var problems = new List<string>();
        for (var g = 0; g < _firing.Count; g++)
        {
            var name = GroupName(g);
            if (!byGroup.TryGetValue(name, out var messages))
            {
                problems.Add($"{name}: nothing received");
                continue;
            }
            var last = messages[^1];
            var lastFiring = Shown(last, "firing");
            var wantStatus = _firing[g].Count == 0 ? "resolved" : "firing";
            if (!lastFiring.SetEquals(_firing[g]) || last["status"]!.ToString() != wantStatus)
            {
                problems.Add($"{name}: last message is {last["status"]} with [{string.Join(",", lastFiring.Order())}] firing; " +
                    $"truth is {wantStatus} with [{string.Join(",", _firing[g].Order())}] firing");
            }
            var seenResolved = new HashSet<string>(StringComparer.Ordinal);
            var seenFiring = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < messages.Count; i++)
            {
                foreach (var n in Shown(messages[i], "firing").Where(seenResolved.Contains))
                {
                    problems.Add($"{name}: {n} shown firing in message {i + 1} of {messages.Count} after it was shown resolved");
                }
                seenFiring.UnionWith(Shown(messages[i], "firing"));
                seenResolved.UnionWith(Shown(messages[i], "resolved"));
            }
            foreach (var n in seenFiring.Where(n => _resolved[g].Contains(n) && !seenResolved.Contains(n)).Order())
            {
                problems.Add($"{name}: {n} was shown firing, is resolved, and its resolution never arrived");
            }
        }
        return problems;
    }

    private static string GroupName(int g) => $"Churn{g}";

    private string Current(int g) => $"r{_round}g{g}";

    private string Fire(int g)
    {
        _firing[g].Add(Current(g));
        return $"{{\"labels\":{{\"alertname\":\"{GroupName(g)}\",\"n\":\"{Current(g)}\"}}}}";
    }

    private string Resolve(int g, string n)
    {
        _firing[g].Remove(n);
        _resolved[g].Add(n);
        var now = TimeProvider.System.GetUtcNow().ToString("O");
        return $"{{\"labels\":{{\"alertname\":\"{GroupName(g)}\",\"n\":\"{n}\"}},\"endsAt\":\"{now}\"}}";
    }

    private static HashSet<string> Shown(JsonObject message, string status) =>
        message["alerts"]!.AsArray().Where(a => a!["status"]!.ToString() == status).Select(a => a!["labels"]!["n"]!.ToString()).ToHashSet(StringComparer.Ordinal);

    private static string Body(List<string> alerts) => new StringBuilder("[").AppendJoin(',', alerts).Append(']').ToString();
}
