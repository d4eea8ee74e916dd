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
        server is ready. Use a built `vigil` binary rather than `dotnet run`, or start-up includes the build.

        What is measured:
        - **Webhook latency**: one new alert per probe (`alertname=LatencyProbe`, unique `probe_id`), routed with
          `group_wait: 0s` and `group_by: [probe_id]` to an in-process webhook sink; time from the start of the
          POST to the arrival of the webhook. Probes are sent open-loop every 10 ms.
        - **Ingest**: distinct ~370-byte alerts (7 labels, 2 annotations, startsAt), pre-serialized, posted by 4 keep-alive senders. Server CPU is
          utime+stime from `/proc/PID/stat` of the process that owns the listening socket.
        - The bulk alerts go to a default route (`group_by: [alertname, cluster]`, `group_wait: 30s`) whose
          notifications go to the sink's `/default` path; a fast run may end before they are due.
        - The restart step starts the server on a fresh data directory, so one-alert-per-request ingest is
          measured on an empty server for both systems.
        - Client and server share the machine's cores: the numbers compare systems on the same box, they are
          not absolute capacity figures. On a shared 2-core machine repeated runs vary by up to 2x;
          compare columns from the same run, or take the median of three.
        - `resolve_timeout: 1h` keeps every posted alert active for the whole run.

        """;
}
