#!/usr/bin/env bash
# bench/connection-flood.sh - a flood of polite keep-alive connections (each sends one request,
# then waits) against Frontdesk with its default connection settings, while a fourth client and
# the health probe keep asking (docs/shield.md, "Connection bounds"). Two floods, one after the
# other: three addresses with 6,400 connections each (past max-per-client), then sixty addresses
# with 240 each (past max-total, each under max-per-client). After each: what the flood, the
# fourth client and the probe saw (bench/connection_flood.py), Frontdesk's connection metrics,
# and every line it logged besides the access log.
#
# Frontdesk runs on JDK 25 with -Xms512m -Xmx512m and the process's file-descriptor limit (ulimit -n), in
# front of an nginx on 127.0.0.1:9101 and :9102. Everything it starts it stops.
#
# Usage: bench/connection-flood.sh [--no-build]
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/frontdesk-connection-flood"
PORT=9127 MGMT=9137 HOLD_SECONDS=15

build=yes
[[ ${1:-} == --no-build ]] && build=no

source "$ROOT/bench/lib.sh"
require_commands nginx curl python3 -- nginx curl python3
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_free_ports 9101 9102 $PORT $MGMT
rm -rf "$STATE" && mkdir -p "$STATE"

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1
start_stand_in_backends "$STATE"
bench_config $PORT $MGMT >"$STATE/frontdesk.yml"
start_frontdesk "$JAR" "$STATE/frontdesk.yml" "$STATE/frontdesk.out"
await_frontdesk $MGMT "${PIDS[-1]}" "$STATE/frontdesk.out"
log "file-descriptor limit $(ulimit -n); $(grep -o 'Connections: .*' "$STATE/frontdesk.out")"

# flood NAME ADDRESSES PER_ADDRESS
flood() {
  local before
  before=$(wc -l <"$STATE/frontdesk.out")
  log "flood '$1': $(tr ',' '\n' <<<"$2" | wc -l) address(es), $3 connections each"
  python3 "$ROOT/bench/connection_flood.py" $PORT $MGMT "$2" "$3" $HOLD_SECONDS
  curl -fs "http://127.0.0.1:$MGMT/actuator/prometheus" | grep -E '^frontdesk_connections_(open|limit|refused|reclaimed)'
  # Lines that are not the access log's JSON.
  tail -n +"$((before + 1))" "$STATE/frontdesk.out" | grep -v '^{' || true
}

flood three 127.0.0.2,127.0.0.3,127.0.0.4 6400
flood sixty "$(seq -s, -f '127.0.1.%g' 1 60)" 240
