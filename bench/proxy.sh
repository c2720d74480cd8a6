#!/usr/bin/env bash
# bench/proxy.sh - Frontdesk's proxy throughput beside direct-to-backend, nginx and a vanilla
# Spring Cloud Gateway, measured in one run by ../shared/bench/anchors.sh.
#
# Builds the jar (unless --no-build), starts it on JDK 25 with -Xmx512m in front of the two
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
[[ " ${args[*]} " == *" --only "* ]] || args+=(--only nginx,scg)

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl -- nginx wrk curl
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_free_ports 9101 9102 $PORT $MGMT
mkdir -p "$STATE/www" "$STATE/warm"

if [[ $build == yes ]]; then
  log "building the jar"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
fi
JAR=$(ls "$ROOT"/target/frontdesk-*.jar | grep -v plain | head -1)
[[ -f $JAR ]] || die "no jar in $ROOT/target (run without --no-build)"

cat >"$STATE/frontdesk-bench.yml" <<YML
server:
  port: $PORT
  address: 127.0.0.1
  ssl:
    enabled: false
management:
  server:
    port: $MGMT
    address: 127.0.0.1
frontdesk:
  demo:
    enabled: false
  pools:
    bench:
      algorithm: round-robin
      backends:
        - url: http://127.0.0.1:9101
        - url: http://127.0.0.1:9102
YML
route_to_bench_pool >>"$STATE/frontdesk-bench.yml"

log "starting Frontdesk on JDK 25 (port $PORT, management $MGMT); access log in $STATE/frontdesk.out"
start_frontdesk "$JAR" "$STATE/frontdesk-bench.yml" "$STATE/frontdesk.out"
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$MGMT/actuator/health" >/dev/null && break
  kill -0 "${PIDS[0]}" 2>/dev/null || die "Frontdesk exited (see $STATE/frontdesk.out)"
  sleep 0.5
done
curl -fs "http://127.0.0.1:$MGMT/actuator/health" >/dev/null || die "Frontdesk did not become healthy"

log "warming Frontdesk for $WARM_SECONDS s + 2 s against stand-in backends on 9101/9102"
head -c 1024 /dev/urandom >"$STATE/www/1k.bin"
head -c 102400 /dev/urandom >"$STATE/www/100k.bin"
cat >"$STATE/warm/nginx.conf" <<CONF
worker_processes 1;
pid $STATE/warm/nginx.pid;
error_log $STATE/warm/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $STATE/warm; proxy_temp_path $STATE/warm; fastcgi_temp_path $STATE/warm;
  uwsgi_temp_path $STATE/warm; scgi_temp_path $STATE/warm;
  server { listen 127.0.0.1:9101; root $STATE/www; }
  server { listen 127.0.0.1:9102; root $STATE/www; }
}
CONF
nginx -c "$STATE/warm/nginx.conf" &
WARM_PID=$!
PIDS+=($WARM_PID)
for _ in $(seq 1 40); do curl -fs -o /dev/null http://127.0.0.1:9101/1k.bin && break; sleep 0.25; done
wrk -t2 -c64 -d${WARM_SECONDS}s "http://127.0.0.1:$PORT/1k.bin" >/dev/null
wrk -t2 -c64 -d2s "http://127.0.0.1:$PORT/100k.bin" >/dev/null
kill -TERM "$WARM_PID"
wait "$WARM_PID" 2>/dev/null || true

log "running anchors.sh ${args[*]} --extra frontdesk=http://127.0.0.1:$PORT"
"$ANCHORS" "${args[@]}" --extra "frontdesk=http://127.0.0.1:$PORT"
