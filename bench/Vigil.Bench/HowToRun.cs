namespace Vigil.Bench;

/// <summary>The "how to run" section, kept with the code that it describes so the report never goes stale.</summary>
internal static class HowToRun
{
    public const string Markdown = """
        ## How to run

        All commands: `dotnet run -c Release --project bench/Vigil.Bench -- <command> [options]`. Traffic goes to 127.0.0.1 only.

        ```bash
        # Side by side (Alertmanager from /usr/bin/prometheus-alertmanager, then Vigil); writes this file.
        dotnet run -c Release --project bench/Vigil.Bench -- compare \
          --vigil-cmd "src/Vigil/bin/Release/net10.0/vigil server --config {config} --listen 127.0.0.1:{port} --data {data}" \
          --vigil-token-file "{data}/admin.token" --out docs/benchmarks.md
        # Alertmanager only (the Vigil column stays "pending"):
        dotnet run -c Release --project bench/Vigil.Bench -- compare --only alertmanager --out /tmp/am-bench.md

        # Single measurements against a server you started yourself:
        dotnet run -c Release --project bench/Vigil.Bench -- config --sink-url http://127.0.0.1:9099/ > bench.yml
        dotnet run -c Release --project bench/Vigil.Bench -- ingest --url http://127.0.0.1:9093 --alerts 100000 --batch 100 --concurrency 4
        dotnet run -c Release --project bench/Vigil.Bench -- latency --url http://127.0.0.1:9093 --sink-port 9099 --samples 200 --during-ingest 100000
        dotnet run -c Release --project bench/Vigil.Bench -- rss --url http://127.0.0.1:9093
        dotnet run -c Release --project bench/Vigil.Bench -- query --url http://127.0.0.1:9093 --during-ingest 300000
        ```

        `--token T` (or `--token-file F`) adds `Authorization: Bearer T`. In `compare`, `--vigil-cmd` is a shell
        command line with `{config}`, `{port}` and `{data}` placeholders; `--vigil-token-file` is read once the
        server is ready. Each system gets a fresh data directory, and a fresh one again for the restart step.

        What is measured:
        - **Webhook latency**: one new alert per probe (`alertname=LatencyProbe`, unique `probe_id`), routed with
          `group_wait: 0s` and `group_by: [probe_id]` to an in-process webhook sink; time from the start of the
          POST to the arrival of the webhook. Probes are sent open-loop every 10 ms.
        - **Ingest**: distinct ~350-byte alerts, pre-serialized, posted by 4 keep-alive senders. Server CPU is
          utime+stime from `/proc/PID/stat` of the process that owns the listening socket.
        - The bulk alerts go to a default route with `group_wait: 30s`, so their (large) notifications to the
          sink's `/default` path start 30 s after the first ingest, during the later steps, as they would in production.
        - `resolve_timeout: 1h` keeps every posted alert active for the whole run.

        """;
}
