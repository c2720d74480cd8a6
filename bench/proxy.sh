#!/usr/bin/env bash
# bench/proxy.sh - Frontdesk's proxy throughput beside direct-to-backend, nginx and a vanilla
# Spring Cloud Gateway, measured in one run by ../shared/bench/anchors.sh.
#
# Builds the jar (unless --no-build), starts it on JDK 25 with -Xms512m -Xmx512m in front of the two
# nginx backends anchors.sh provides (127.0.0.1:9101 and :9102, round-robin), with the default
# filters on (access log to a file, metrics, header hygiene, request ids), warms it for 20 s
# against stand-in backends on the same ports (as anchors.sh warms the vanilla gateway), then
# hands over to anchors.sh with --extra frontdesk=... . Everything it starts it stops.
#
# Usage: bench/proxy.sh [--no-build] [anchors.sh options...]   (default: --only nginx,scg)
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="$ROOT/../shared/bench/anchors.sh"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/frontdesk"
PORT=9120 MGMT=9121 WARM_SECONDS=20

build=yes
args=()
for a in "$@"; do
  if [[ $a == --no-build ]]; then build=no; else args+=("$a"); fi
done
[[ " ${args[*]} " == *" --only "* ]] || args+=(--only "nginx,scg")

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl -- nginx wrk curl
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_free_ports 9101 9102 $PORT $MGMT
mkdir -p "$STATE"

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1

bench_config $PORT $MGMT >"$STATE/frontdesk-bench.yml"

log "starting Frontdesk on JDK 25 (port $PORT, management $MGMT); access log in $STATE/frontdesk.out"
start_frontdesk "$JAR" "$STATE/frontdesk-bench.yml" "$STATE/frontdesk.out"
await_frontdesk $MGMT "${PIDS[0]}" "$STATE/frontdesk.out"

log "warming Frontdesk for $WARM_SECONDS s + 2 s against stand-in backends on 9101/9102"
start_stand_in_backends "$STATE"
wrk -t2 -c64 -d${WARM_SECONDS}s "http://127.0.0.1:$PORT/1k.bin" >/dev/null
wrk -t2 -c64 -d2s "http://127.0.0.1:$PORT/100k.bin" >/dev/null
stop_stand_in_backends

log "running anchors.sh ${args[*]} --extra frontdesk=http://127.0.0.1:$PORT"
"$ANCHORS" "${args[@]}" --extra "frontdesk=http://127.0.0.1:$PORT"
