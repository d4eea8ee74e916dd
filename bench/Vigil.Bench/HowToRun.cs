namespace Vigil.Bench;

/// <summary>The "how to run" section, kept with the code that it describes so the report never goes stale.</summary>
internal static class HowToRun
{
    public const string Markdown = """
        ## How to run

        `compare --out FILE` rewrites FILE whole: write it elsewhere and paste the tables, so the probe and escalation
        sections below (from `probe-latency`, `probes-scale` and `escalation`, which replace only their own section) stay.

        All commands: `dotnet run -c Release --project bench/Vigil.Bench -- <command> [options]`. Traffic goes to 127.0.0.1 only.
        `compare` and `escalation` print their work folder (under the temp folder) and remove each server's data folder once
        it is measured (a 1M run's is ~1 GB), keeping the servers' logs; a part that failed keeps its data; `VIGIL_BENCH_KEEP=1`
        keeps everything.

        ```bash
        dotnet build -c Release src/Vigil && dotnet build -c Release bench/Vigil.Bench
        # Side by side, five runs (Alertmanager from /usr/bin/prometheus-alertmanager, amtool from /usr/bin/amtool).
        dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll compare --runs 5 \
          --vigil-cmd "src/Vigil/bin/Release/net10.0/vigil server --config {config} --listen 127.0.0.1:{port} --data {data}" \
          --vigil-token-file "{data}/admin.token" --out /tmp/compare.md
        # A quicker look: one run, million rows at 200k (or --million 0 to skip them), no escalation.
        dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll compare --runs 1 --million 200000 --escalations 0 \
          --vigil-cmd "..." --vigil-token-file "{data}/admin.token"
        # Alertmanager only (the Vigil column stays "pending"):
        dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll compare --only alertmanager --runs 1 --out /tmp/am-bench.md

        # Single measurements against a server you started yourself:
        dotnet run -c Release --project bench/Vigil.Bench -- config --sink-url http://127.0.0.1:9099/ > bench.yml
        dotnet run -c Release --project bench/Vigil.Bench -- ingest --url http://127.0.0.1:9093 --alerts 100000 --batch 100 --concurrency 4
        dotnet run -c Release --project bench/Vigil.Bench -- latency --url http://127.0.0.1:9093 --sink-port 9099 --samples 200 --during-ingest 100000 [--samples-out probes.tsv]
        dotnet run -c Release --project bench/Vigil.Bench -- rss --url http://127.0.0.1:9093
        dotnet run -c Release --project bench/Vigil.Bench -- query --url http://127.0.0.1:9093 --during-ingest 300000 [--ingest-rate 10000]
        ```

        `--token T` (or `--token-file F`) adds `Authorization: Bearer T`. In `compare`, `--vigil-cmd` is a shell
        command line with `{config}`, `{port}` and `{data}` placeholders; `--vigil-token-file` is read once the
        server is ready. Use a built `vigil` binary rather than `dotnet run`, or start-up includes the build.
        `--vigil-cli` is the executable whose `alerts` and `silence ls` verbs are timed (default: the first word of
        `--vigil-cmd`); `--amtool` the Alertmanager client (default `/usr/bin/amtool`).

        `compare` runs the whole sequence `--runs N` times (default 5), Alertmanager first in odd runs and Vigil first
        in even ones, each part on a fresh data folder. Every cell is the median of the N runs with the lowest and
        highest in brackets (one run: just its value); the last column is Vigil's median ÷ Alertmanager's and says
        which is better. A second table sets each of issue 15's targets against the medians: met or missed (a target
        defined at a size the run did not use, e.g. 1M when `--million 200000`, is shown but not judged).
        Time, measured on the shared 2-core machine at load average 18–50 (2026-12-02): one run with the defaults took
        16.8 min — Alertmanager 9.0 min (its full GET of 1M alone 4.5 min), Vigil 7.8 min (2 min of it `vigil alerts`
        reaching the CLI time limit, ~2.5 min the escalation); `--runs 2 --million 200000` took 15.3 min. So
        `--runs 5` with the defaults takes about 1.5 hours; `--million 0` saves ~5 min per run.

        What is measured:
        - **Webhook latency**: one new alert per probe (`alertname=LatencyProbe`, unique `probe_id`), routed with
          `group_wait: 0s` and `group_by: [probe_id]` to an in-process webhook sink; time from the start of the
          POST to the arrival of the webhook. Probes are sent open-loop every 10 ms.
        - **Ingest**: distinct ~370-byte alerts (7 labels, 2 annotations, startsAt), pre-serialized, posted by 4 keep-alive senders. Server CPU is
          utime+stime from `/proc/PID/stat` of the process that owns the listening socket.
        - The bulk alerts go to a default route (`group_by: [alertname, cluster]`, `group_wait: 30s`) whose
          notifications go to the sink's `/default` path; a fast run may end before they are due.
        - The restart step starts the server on a fresh data directory, so one-alert-per-request ingest is
          measured on an empty server for both systems. CPU per alert is shown for batch 1 and batch 100. The same
          number of single-alert requests is then sent again to the now warm process ("on the warm process" rows):
          the gap between the two is what a just-started process pays (Vigil's JIT; Alertmanager has none). Issue 15's
          target 2 is judged on the first, cold measurement.
        - **`GET /api/v2/alerts`**: the first after the ingest, on a new connection; timed from the request to the answer's
          last byte (and its first). The client counts the alerts as the body arrives, into one reused buffer, as a client
          that uses the list would read it; before the clock starts, its counting code is warmed once per bench process and
          the bench collects its own garbage, so neither lands in the timed read. Both systems are read by the same client.
        - **Start-up**: from starting the process to the first 200 of `/-/ready`, polled every 20 ms, on a settled
          machine: before it the bench collects its own garbage and waits until the cores were at most 10 % busy over
          200 ms (at most 5 s; the log says how long and how busy), so the start does not share them with the previous
          part's tail (the bench's own JIT and garbage collection after 40,000 requests, a killed server's memory).
        - **CLI** (`--cli-runs 5`): `vigil alerts --url U --token T` against `amtool alert query --alertmanager.url=U`,
          and `vigil silence ls` against `amtool silence query` (no silences exist), run one after the other against
          the server holding the first ingest's alerts, output counted and dropped. Wall time from start to exit
          and peak RSS (`/usr/bin/time -f %M`); the run's figure is the median of the invocations. An invocation
          still running after 2 min is killed, counts as 2 min (so the ratio is a lower bound), and the verb's
          remaining invocations in that run are skipped; the "CLI failures" row says so.
        - **Million rows** (`--million N`, default 1,000,000; 0 skips): a fresh server gets N alerts at batch 100
          from 4 senders, in slices of 100k timed one by one (first vs last slice); RSS 10 s after the ingest; a full
          `GET /api/v2/alerts` (whole answer and first byte) and RSS after it; then `kill -9`, a start on the same
          data folder timed to `/-/ready`, and a full GET that counts the acknowledged (2xx) alerts still there
          (Alertmanager keeps no alerts across a restart). Vigil's default `max_active_alerts` is 1,000,000.
        - **Escalation at once** (Vigil only; `--escalations 10000`, 0 skips): the `escalation --at-once` bench,
          its delivery lag p50/p99 from the resume to the level-2 webhook. Alertmanager has no escalation: "—".
        - Client and server share the machine's cores: the numbers compare systems on the same box, they are
          not absolute capacity figures. On a shared 2-core machine repeated runs vary by up to 2x;
          compare columns from the same run and use medians of several runs.
        - `resolve_timeout: 1h` keeps every posted alert active for the whole run.

        """;
}
