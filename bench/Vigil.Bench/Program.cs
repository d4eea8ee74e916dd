using Vigil.Bench;

// Vigil.Bench: load and latency benchmarks for an Alertmanager API v2 server (Vigil or Alertmanager itself).
CommandArgs parsed;
try
{
    parsed = CommandArgs.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return parsed.Command switch
    {
        "ingest" => await Commands.IngestAsync(parsed, cancel.Token),
        "latency" => await Commands.LatencyAsync(parsed, cancel.Token),
        "config" => Commands.Config(parsed),
        "rss" => Commands.Rss(parsed),
        "query" => await Commands.QueryAsync(parsed, cancel.Token),
        "get-alerts" => GetAlertsBench.Run(parsed),
        "oncall" => OnCallBench.Run(parsed),
        "templates" => TemplateBench.Run(parsed),
        "alert-table" => AlertTableBench.Run(parsed),
        "parse" => ParseBench.Run(parsed),
        "pool-read" => await Vigil.Bench.Plans.PoolReadBench.RunAsync(parsed),
        "compare" => await Commands.CompareAsync(parsed, args, cancel.Token),
        "probe-latency" => await ProbeCommands.LatencyAsync(parsed, cancel.Token),
        "probes-scale" => await ProbeCommands.ScaleAsync(parsed, cancel.Token),
        "escalation" => await Commands.EscalationAsync(parsed, args, cancel.Token),
        "plans" => await Vigil.Bench.Plans.PlanBench.RunAsync(parsed),
        "incidents" => await Vigil.Bench.Incidents.AutoOpenBench.RunAsync(parsed),
        "incident-timeline" => await Vigil.Bench.Incidents.TimelineBench.RunAsync(parsed),
        "status-page" => await StatusPageBench.RunAsync(parsed, cancel.Token),
        "ui" => await Vigil.Bench.Ui.UiBench.RunAsync(parsed),
        "ui-alerts" => await AlertListBench.RunAsync(parsed, cancel.Token),
        "demo" => await DemoBench.RunAsync(parsed),
        "drill" => DrillBench.Run(parsed),
        "cluster" => await Vigil.Bench.Cluster.ClusterBench.RunAsync(parsed, cancel.Token),
        "cluster-ingest" => await Vigil.Bench.Cluster.ClusterIngestBench.RunAsync(parsed, cancel.Token),
        "cluster-kill" => await Vigil.Bench.Cluster.KillBench.RunAsync(parsed, cancel.Token),
        _ => Commands.Help(),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
