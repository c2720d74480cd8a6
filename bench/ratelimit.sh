#!/usr/bin/env bash
# bench/ratelimit.sh - what rate limits cost when they are configured but not reached: Frontdesk
# without limits, with two local limits (per client and per route), and with the same two kept
# cluster-wide in Redis, side by side in one run of ../shared/bench/anchors.sh (direct as anchor).
#
# Each Frontdesk runs on JDK 25 with -Xms512m -Xmx512m in front of anchors.sh's backends (127.0.0.1:9101
# and :9102), warmed first against stand-in backends on the same ports; a redis-server on 127.0.0.1
# serves the cluster limits. Everything it starts it stops.
#
# Usage: bench/ratelimit.sh [--no-build] [anchors.sh options...]   (default: --only nginx)
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="$ROOT/../shared/bench/anchors.sh"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/frontdesk-ratelimit"
REDIS_PORT=9129 WARM_SECONDS=15
declare -A PORTS=([nolimit]=9124 [local]=9125 [cluster]=9126)
declare -A MGMT=([nolimit]=9134 [local]=9135 [cluster]=9136)

build=yes
args=()
for a in "$@"; do
  if [[ $a == --no-build ]]; then build=no; else args+=("$a"); fi
done
[[ " ${args[*]} " == *" --only "* ]] || args+=(--only nginx)

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl redis-server -- nginx wrk curl redis-server
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_free_ports 9101 9102 $REDIS_PORT "${PORTS[@]}" "${MGMT[@]}"
rm -rf "$STATE" && mkdir -p "$STATE/redis"

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1

redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --dir "$STATE/redis" \
  >"$STATE/redis.out" 2>&1 &
PIDS+=($!)

# config NAME FILTER SCOPE : the bench settings of one Frontdesk, with two limits of SCOPE declared
# (applied when FILTER names them) and Redis for the cluster ones
config() {
  bench_config "${PORTS[$1]}" "${MGMT[$1]}" "$2"
  cat <<YML
  shield:
    limits:
      per-client: {rate: 1000000/s, burst: 1000000, scope: $3}
      per-route: {rate: 10000000/s, burst: 10000000, key: route, scope: $3}
spring.data.redis.url: "redis://127.0.0.1:$REDIS_PORT"
YML
}
config nolimit "" local >"$STATE/nolimit.yml"
config local RateLimit=per-client,per-route local >"$STATE/local.yml"
config cluster RateLimit=per-client,per-route cluster >"$STATE/cluster.yml"

for name in nolimit local cluster; do
  log "starting Frontdesk '$name' on port ${PORTS[$name]}"
  start_frontdesk "$JAR" "$STATE/$name.yml" "$STATE/$name.out"
  await_frontdesk "${MGMT[$name]}" "${PIDS[-1]}" "$STATE/$name.out"
done

start_stand_in_backends "$STATE"
for name in nolimit local cluster; do
  log "warming '$name' for $WARM_SECONDS s"
  wrk -t2 -c64 -d${WARM_SECONDS}s "http://127.0.0.1:${PORTS[$name]}/1k.bin" >/dev/null
done
stop_stand_in_backends
curl -fsI "http://127.0.0.1:${PORTS[cluster]}/1k.bin" >/dev/null 2>&1 || true

extras=()
for name in nolimit local cluster; do extras+=(--extra "frontdesk-$name=http://127.0.0.1:${PORTS[$name]}"); done
log "running anchors.sh ${args[*]} ${extras[*]}"
"$ANCHORS" "${args[@]}" "${extras[@]}"

{
  echo
  echo "Rate limit decisions over the whole script (all must be allowed):"
  echo
  for name in local cluster; do
    echo "- $name: $(curl -fs "http://127.0.0.1:${MGMT[$name]}/actuator/prometheus" \
      | awk '/^frontdesk_ratelimit_requests_total/ {split($0, a, "decision=\""); split(a[2], b, "\""); s[b[1]] += $2}
             END {for (d in s) printf "%s %d; ", d, s[d]}')"
  done
} | tee "$STATE/decisions.md"
