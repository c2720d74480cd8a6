#!/usr/bin/env bash
# bench/tracing.sh - what tracing costs per request: Frontdesk with tracing off, on at Spring
# Boot's default sampling (0.1) and on for every request (1.0), beside a baseline jar built
# without tracing (--baseline-jar), all measured in one run against the same nginx backends.
#
# Each variant is started on JDK 25 (-Xms512m -Xmx512m) in front of two nginx backends (127.0.0.1:9101 and
# :9102, round-robin), with the access log to a file, warmed for 15 s, then driven by wrk
# (2 threads, 64 connections, 1 KiB responses) for ROUNDS rounds of SECONDS seconds, the variants
# taking turns each round. Traced variants export over OTLP to a collector stand-in on
# 127.0.0.1:9130 that accepts and discards. Reported per variant: requests per second and CPU
# time per request (utime+stime of the JVM over the round), as medians and as ratios to the
# first variant. Everything it starts it stops.
#
# Usage: bench/tracing.sh [--no-build] [--baseline-jar JAR] [--rounds N] [--seconds S]
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/frontdesk-bench}/tracing"
PORT=9120 MGMT=9121 COLLECTOR=9130 WARM_SECONDS=15
build=yes baseline="" rounds=3 seconds=10
while (($#)); do
  case $1 in
    --no-build) build=no ;;
    --baseline-jar) baseline=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl python3 -- nginx wrk curl python3
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_free_ports 9101 9102 $PORT $MGMT $COLLECTOR
mkdir -p "$STATE"
JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1

python3 - "$COLLECTOR" >"$STATE/collector.out" 2>&1 <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Collector(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Collector).serve_forever()
PY
PIDS+=($!)
start_stand_in_backends "$STATE"

# variant NAME JAR SETTINGS... : writes the variant's config; the variants run in this order
names=() jars=() configs=()
variant() {
  local name=$1 jar=$2; shift 2
  { bench_config $PORT $MGMT
    printf '  access-log:\n    path: %s\n' "$STATE/$name-access.log"
    for setting in "$@"; do printf '%s\n' "$setting"; done
  } >"$STATE/$name.yml"
  names+=("$name") jars+=("$jar") configs+=("$STATE/$name.yml")
}
[[ -n $baseline ]] && variant baseline "$baseline"
variant off "$JAR"
otlp="management.opentelemetry.tracing.export.otlp.endpoint: http://127.0.0.1:$COLLECTOR/v1/traces"
variant on-0.1 "$JAR" "$otlp" ""
variant on-1.0 "$JAR" "$otlp" "management.tracing.sampling.probability: 1.0"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
results="$STATE/results.tsv"
: >"$results"
for ((round = 1; round <= rounds; round++)); do
  for i in "${!names[@]}"; do
    name=${names[$i]}
    log "round $round: $name"
    "$JDK25/bin/java" -Xms512m -Xmx512m -jar "${jars[$i]}" --spring.config.additional-location="file:${configs[$i]}" \
      >"$STATE/$name.out" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    await_frontdesk $MGMT "$pid" "$STATE/$name.out"
    wrk -t2 -c64 -d${WARM_SECONDS}s "http://127.0.0.1:$PORT/1k.bin" >/dev/null
    before=$(cpu_ticks "$pid")
    out=$(wrk -t2 -c64 -d"${seconds}"s "http://127.0.0.1:$PORT/1k.bin")
    after=$(cpu_ticks "$pid")
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    errors=$(awk '/Non-2xx|Socket errors/ {n++} END {print n + 0}' <<<"$out")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$requests" "$((after - before))" "$seconds" "$errors" >>"$results"
  done
done

python3 - "$results" "$(getconf CLK_TCK)" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
ticks = int(sys.argv[2])
order, data = [], {}
for name, requests, cpu, seconds, errors in rows:
    if name not in data:
        order.append(name)
        data[name] = []
    data[name].append((int(requests) / int(seconds), int(cpu) / ticks * 1e6 / int(requests), int(errors)))
anchor = order[0]
rps0 = statistics.median(r for r, _, _ in data[anchor])
cpu0 = statistics.median(c for _, c, _ in data[anchor])
print(f"Ratios to '{anchor}', measured in the same run; {len(data[anchor])} round(s), medians.\n")
print("| variant | req/s | vs %s | CPU us/request | vs %s | req/s min - max | errors |" % (anchor, anchor))
print("|---|---:|---:|---:|---:|---:|---:|")
for name in order:
    rps = [r for r, _, _ in data[name]]
    cpu = [c for _, c, _ in data[name]]
    print("| %s | %s | %.2fx | %.1f | %.2fx | %s - %s | %d |" % (name, format(round(statistics.median(rps)), ","),
          statistics.median(rps) / rps0, statistics.median(cpu), statistics.median(cpu) / cpu0,
          format(round(min(rps)), ","), format(round(max(rps)), ","), sum(e for _, _, e in data[name])))
PY
