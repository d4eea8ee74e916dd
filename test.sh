#!/usr/bin/env bash
# Builds Vigil, runs every test project against SQLite and a throwaway PostgreSQL, and prints as its
# last line "N passed, N failed, N skipped" (read by CI). Exits non-zero when a test failed or none ran.
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d /tmp/vigil-test.XXXXXX)
pg_bin=""
pg_data="$work/pg/data"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$pg_bin" ] && [ -f "$pg_data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# (a) The real peers the tests run, from Debian packages, installed when missing and we may:
# PostgreSQL, Alertmanager 0.25 with amtool, Prometheus, aiosmtpd (a real SMTP server for email tests),
# HAProxy (the pools tests run it on loopback with their own configuration), Chromium (the web UI tests drive it with
# Playwright, no browser download; the status page is rendered by it too).
find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/prometheus-alertmanager ] && [ -x /usr/bin/amtool ] || missing+=(prometheus-alertmanager)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
[ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  echo "installing ${missing[*]}..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The packages start system services; the tests start their own instances on free loopback ports.
  for svc in prometheus prometheus-alertmanager postgresql haproxy; do
    systemctl stop "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true
  done
fi

# (b) A throwaway cluster on a free loopback port. fsync off (-F) and no autovacuum: the tests make a database each
# (~230 by the end of a run), and autovacuum visits every database once a minute, a new process each time, which took
# ~20 % of a core on an otherwise idle machine once 1,300 databases had piled up.
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pg_bin=$(find_pg_bin)
  mkdir -p "$work/pg"
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$work/pg"; chmod 755 "$work"; fi
  port=""
  for _ in $(seq 1 50); do
    candidate=$(( (RANDOM * 32768 + RANDOM) % 40000 + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  if [ -n "$port" ] \
    && as_pg "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --no-sync >"$work/initdb.log" 2>&1 \
    && as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/pg.log" -w \
         -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=400 -c autovacuum=off -F" start >/dev/null 2>&1; then
    export VIGIL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
    # The cluster goes with $work: the tests need not drop the databases they made.
    export VIGIL_TEST_POSTGRES_THROWAWAY=1
    echo "PostgreSQL on 127.0.0.1:$port" >&2
  else
    echo "could not start PostgreSQL; its tests will be skipped" >&2
    cat "$work/initdb.log" "$work/pg/pg.log" 2>/dev/null >&2 || true
  fi
else
  echo "PostgreSQL not installed; its tests will be skipped" >&2
fi

# (c) Build once, then run each test project.
# NU1603 stays a warning: the offline feed lacks some exact transitive versions prometheus-net asks for.
build_ok=1
if ! dotnet build Vigil.slnx -c Release -p:WarningsNotAsErrors=NU1603 >"$work/build.log" 2>&1; then
  build_ok=0
  grep -E "error|Error" "$work/build.log" | sort -u | tail -40 >&2 || tail -40 "$work/build.log" >&2
fi
crashed=0
results="$work/results"
mkdir -p "$results" "$work/tmp"
# The installed layout (docs/install.md: self-contained, trimmed, one composite ReadyToRun image, the native client) is
# built beside the first pass; the tests that start real `vigil` processes then run a second time against it (c2).
installed="$work/installed"
if [ "$build_ok" = 1 ]; then
  ( rc=0; dotnet publish -c Release src/Vigil -o "$installed" -p:WarningsNotAsErrors=NU1603 >"$work/publish.log" 2>&1 || rc=$?
    echo "$rc" >"$work/publish.rc" ) &
  publish_pid=$!
fi
if [ "$build_ok" = 1 ]; then
  for proj in test/*/*.csproj; do
    name=$(basename "$proj" .csproj)
    echo "== $name"
    # The results folder must not exist yet: dotnet test takes an existing directory after "--" for a project.
    rc=0
    # TMPDIR inside $work: whatever a test (or dotnet test itself) leaves in a temporary folder goes with it.
    TMPDIR="$work/tmp" dotnet test --project "$proj" -c Release --no-build -- --report-trx --results-directory "$results/$name" || rc=$?
    # MTP: 0 all passed, 2 some failed (counted from the TRX); anything else means the run itself broke.
    if [ "$rc" != 0 ] && [ "$rc" != 2 ]; then echo "$name: test run exited with $rc" >&2; crashed=$((crashed + 1)); fi
  done

  # (c2) The installed layout: the end-to-end tests that start `vigil server`, `vigil demo` and a cluster as processes,
  # again, with VIGIL_TEST_INSTALLED pointing them at the published folder's `vigil` instead of the build's vigil.dll.
  wait "$publish_pid" || true
  if [ "$(cat "$work/publish.rc" 2>/dev/null || echo 1)" != 0 ]; then
    echo "dotnet publish of the installed layout failed:" >&2
    grep -E "error" "$work/publish.log" | sort -u | tail -20 >&2 || tail -20 "$work/publish.log" >&2
    crashed=$((crashed + 1))
  else
    installed_pass() { # project, filters...
      local name=$1 rc=0; shift
      echo "== $name (installed layout)"
      VIGIL_TEST_INSTALLED="$installed" TMPDIR="$work/tmp" dotnet test --project "test/$name/$name.csproj" -c Release --no-build -- \
        --report-trx --results-directory "$results/installed-$name" "$@" || rc=$?
      if [ "$rc" != 0 ] && [ "$rc" != 2 ]; then echo "$name (installed layout): test run exited with $rc" >&2; crashed=$((crashed + 1)); fi
    }
    installed_pass Vigil.Server.Tests --filter-class "*.CrashTests" --filter-class "*.SnapshotRestartTests" \
      --filter-class "*.ReceiverOutageTests" --filter-class "*.NodeKillTests" --filter-class "*.PlanRunEndToEndTests" \
      --filter-class "*.PlanRunCrashTests" --filter-class "*.DataFolderTests" --filter-class "*.ServerProcessTests"
    installed_pass Vigil.Drill.Tests --filter-class "*.DemoCommandTests"
  fi
fi

# (d) Sum the TRX counters.
summary=$(python3 - "$results" <<'PY'
import glob, html, re, sys
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    text = open(path, encoding="utf-8", errors="replace").read()
    m = re.search(r"<Counters\b([^>]*)/?>", text)
    if not m:
        continue
    attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(1)))
    get = lambda k: int(attrs.get(k, 0))
    total, executed = get("total"), get("executed")
    passed += get("passed")
    failed += get("failed") + get("error") + get("timeout") + get("aborted")
    skipped += max(total - executed, get("notExecuted"))
    # Name every failed test, with the first lines of its message, so a CI log's tail says what broke.
    for m in re.finditer(r'<UnitTestResult\b([^>]*[^/])>(.*?)</UnitTestResult>', text, re.S):
        attrs_r = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if attrs_r.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        msg = re.search(r"<Message>(.*?)</Message>", m.group(2), re.S)
        first = html.unescape(msg.group(1)).strip().splitlines()[:6] if msg else []
        where = " (installed layout)" if "/installed-" in path else ""
        print(f"FAILED {html.unescape(attrs_r.get('testName', '?'))}{where}", file=sys.stderr)
        for line in first:
            print(f"    {line[:300]}", file=sys.stderr)
        # Where it failed: the stack's frames in our own code (a bare NullReferenceException says nothing else).
        trace = re.search(r"<StackTrace>(.*?)</StackTrace>", m.group(2), re.S)
        frames = [l.strip() for l in html.unescape(trace.group(1)).splitlines() if "Vigil." in l] if trace else []
        for line in frames[:8]:
            print(f"      {line[:300]}", file=sys.stderr)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
)
status=0
if [ "$build_ok" != 1 ]; then
  echo "build failed" >&2
  status=1
  summary="0 passed, 1 failed, 0 skipped"
fi
read -r n_passed _ n_failed _ n_skipped _ <<<"$summary"
if [ "$crashed" != 0 ]; then
  n_failed=$((n_failed + crashed))
  summary="$n_passed passed, $n_failed failed, $n_skipped skipped"
fi
if [ "$n_failed" != 0 ] || [ "$n_passed" = 0 ]; then status=1; fi
echo "$summary"
exit $status
