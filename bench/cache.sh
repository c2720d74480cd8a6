#!/usr/bin/env bash
# bench/cache.sh - cache-hit throughput and latency of Frontdesk's response cache beside nginx
# proxy_cache and Varnish, for a 1 KiB and a 100 KiB object, in one run of
# ../shared/bench/anchors.sh (which starts the backends, nginx-cache and direct).
#
# Frontdesk (JDK 25, -Xms512m -Xmx512m, a Cache route with a 1 h TTL for .bin, memory tier only) and
# Varnish (Debian package, malloc storage, 1 h TTL) are started and filled first, against
# stand-in backends on the same ports; afterwards the script reads how many requests each sent
# to a backend: hits must not reach it, so only the two fills may appear.
#
# Usage: bench/cache.sh [--no-build] [anchors.sh options...]   (default: --only nginx-cache)
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="$ROOT/../shared/bench/anchors.sh"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/frontdesk-cache"
PORT=9120 MGMT=9121 VARNISH=9122 WARM_SECONDS=20

build=yes
args=()
for a in "$@"; do
  if [[ $a == --no-build ]]; then build=no; else args+=("$a"); fi
done
[[ " ${args[*]} " == *" --only "* ]] || args+=(--only nginx-cache)

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl varnish -- nginx wrk curl varnishd varnishstat
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_free_ports 9101 9102 $PORT $MGMT $VARNISH
rm -rf "$STATE" && mkdir -p "$STATE/varnish"

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1

{
  bench_config $PORT $MGMT Cache=bench
  cat <<YML
  cache:
    policies:
      bench:
        default-ttl: 1h
        default-ttl-extensions: [bin]
YML
} >"$STATE/frontdesk-bench.yml"

cat >"$STATE/varnish/bench.vcl" <<'VCL'
vcl 4.1;
backend one { .host = "127.0.0.1"; .port = "9101"; }
sub vcl_backend_response { set beresp.ttl = 1h; }
VCL

log "starting Frontdesk on JDK 25 (port $PORT, management $MGMT)"
start_frontdesk "$JAR" "$STATE/frontdesk-bench.yml" "$STATE/frontdesk.out"
await_frontdesk $MGMT "${PIDS[0]}" "$STATE/frontdesk.out"

log "starting Varnish (port $VARNISH)"
varnishd -F -a "127.0.0.1:$VARNISH" -f "$STATE/varnish/bench.vcl" -s malloc,256m -n "$STATE/varnish" \
  -T 127.0.0.1:0 >"$STATE/varnish.out" 2>&1 &
PIDS+=($!)

start_stand_in_backends "$STATE"
for _ in $(seq 1 40); do curl -fs -o /dev/null "http://127.0.0.1:$VARNISH/1k.bin" && break; sleep 0.25; done
log "filling both caches and warming Frontdesk for $WARM_SECONDS s"
for target in "$PORT" "$VARNISH"; do
  for f in 1k 100k; do curl -fs -o /dev/null -H 'Host: localhost' "http://127.0.0.1:$target/$f.bin"; done
done
wrk -t2 -c64 -d${WARM_SECONDS}s -H 'Host: localhost' "http://127.0.0.1:$PORT/1k.bin" >/dev/null
wrk -t2 -c64 -d2s -H 'Host: localhost' "http://127.0.0.1:$PORT/100k.bin" >/dev/null
wrk -t2 -c64 -d2s -H 'Host: localhost' "http://127.0.0.1:$VARNISH/1k.bin" >/dev/null
stop_stand_in_backends

log "running anchors.sh ${args[*]} with frontdesk and varnish as extras"
"$ANCHORS" "${args[@]}" --extra "frontdesk=http://127.0.0.1:$PORT" --extra "varnish=http://127.0.0.1:$VARNISH"

frontdesk_misses=$(curl -fs "http://127.0.0.1:$MGMT/actuator/prometheus" \
  | awk '/^frontdesk_cache_requests_total\{.*result="miss"/ {sum += $2} END {print sum + 0}')
frontdesk_hits=$(curl -fs "http://127.0.0.1:$MGMT/actuator/prometheus" \
  | awk '/^frontdesk_cache_requests_total\{.*result="hit"/ {sum += $2} END {print sum + 0}')
varnish_backend=$(varnishstat -n "$STATE/varnish" -1 -f MAIN.backend_req | awk '{print $2}')
varnish_hits=$(varnishstat -n "$STATE/varnish" -1 -f MAIN.cache_hit | awk '{print $2}')
{
  echo
  echo "Backend requests over the whole script (fills included; hits must add none):"
  echo
  echo "- frontdesk: $frontdesk_misses sent to a backend, $frontdesk_hits answered from cache"
  echo "- varnish: $varnish_backend sent to a backend, $varnish_hits answered from cache"
} | tee "$STATE/backend-requests.md"
