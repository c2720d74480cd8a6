#!/usr/bin/env bash
# bench/tls.sh - HTTPS figures for Frontdesk beside nginx serving the same certificate, one run.
#
# Both proxy /1k.bin from one nginx backend over plain HTTP on loopback. Measured, interleaved,
# ROUNDS times (median reported, with the ratio Frontdesk / nginx):
#   keepalive-h1   wrk -t2 -c64 over TLS, keep-alive HTTP/1.1 (requests per second)
#   handshakes     wrk -t2 -c64 with "Connection: close": a full TLS handshake per request
#   h2             h2load -t2 -c64 -m10: HTTP/2 over TLS (requests per second)
# Frontdesk runs the jar on JDK 25 with -Xms512m -Xmx512m (BoringSSL engine), warmed for 20 s; nginx is
# Debian's, worker_processes auto. Everything it starts it stops.
#
# Usage: bench/tls.sh [--no-build] [--rounds N] [--seconds S]
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/tls"
P_FD=9130 P_MGMT=9131 P_NGINX=9132 P_BACK=9133
ROUNDS=2 SECONDS_PER_RUN=8 build=yes
while (($#)); do
  case "$1" in
    --no-build) build=no ;;
    --rounds) ROUNDS=$2; shift ;;
    --seconds) SECONDS_PER_RUN=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source "$ROOT/bench/lib.sh"
require_commands nginx wrk nghttp2-client openssl curl -- nginx wrk h2load openssl curl
require_free_ports $P_FD $P_MGMT $P_NGINX $P_BACK
mkdir -p "$STATE/www" "$STATE/nginx"
head -c 1024 /dev/urandom >"$STATE/www/1k.bin"

log "one ECDSA P-256 certificate for localhost, served by both"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$STATE/tls.key" -out "$STATE/tls.crt" 2>/dev/null

cat >"$STATE/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $STATE/nginx/nginx.pid;
error_log $STATE/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $STATE/nginx; proxy_temp_path $STATE/nginx; fastcgi_temp_path $STATE/nginx;
  uwsgi_temp_path $STATE/nginx; scgi_temp_path $STATE/nginx;
  keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$P_BACK; keepalive 64; }
  server { listen 127.0.0.1:$P_BACK; root $STATE/www; }
  server {
    listen 127.0.0.1:$P_NGINX ssl http2;
    ssl_certificate $STATE/tls.crt;
    ssl_certificate_key $STATE/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:SSL:10m;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
nginx -c "$STATE/nginx/nginx.conf" &
PIDS+=($!)

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1
cat >"$STATE/frontdesk.yml" <<YML
server:
  port: $P_FD
  address: 127.0.0.1
  ssl:
    certificate: file:$STATE/tls.crt
    certificate-private-key: file:$STATE/tls.key
management:
  server:
    port: $P_MGMT
    address: 127.0.0.1
frontdesk:
  tls:
    http-port: -1
  demo:
    enabled: false
  pools:
    bench:
      backends:
        - url: http://127.0.0.1:$P_BACK
spring.cloud.gateway.server.webflux.routes:
  - id: bench
    uri: lb://bench
    predicates: [Path=/**]
YML
start_frontdesk "$JAR" "$STATE/frontdesk.yml" "$STATE/frontdesk.out"
for _ in $(seq 1 120); do curl -kfs -o /dev/null "https://127.0.0.1:$P_FD/1k.bin" && break; sleep 0.5; done
curl -kfs -o /dev/null "https://127.0.0.1:$P_FD/1k.bin" || die "Frontdesk did not answer (see $STATE/frontdesk.out)"
curl -kfs -o /dev/null "https://127.0.0.1:$P_NGINX/1k.bin" || die "nginx did not answer (see $STATE/nginx/error.log)"
log "engine: $(grep -o 'uses the [a-z]* TLS engine' "$STATE/frontdesk.out" || echo unknown)"

log "warming Frontdesk for 20 s"
wrk -t2 -c64 -d20s "https://127.0.0.1:$P_FD/1k.bin" >/dev/null
wrk -t2 -c64 -d5s -H "Connection: close" "https://127.0.0.1:$P_FD/1k.bin" >/dev/null
h2load -t2 -c64 -m10 -D 5 "https://127.0.0.1:$P_FD/1k.bin" >/dev/null

measure() { # kind port -> requests per second
  case "$1" in
    keepalive-h1) wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" "https://127.0.0.1:$2/1k.bin" | awk '/Requests\/sec/{print $2}' ;;
    handshakes) wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" -H "Connection: close" "https://127.0.0.1:$2/1k.bin" \
                  | awk '/Requests\/sec/{print $2}' ;;
    h2) h2load -t2 -c64 -m10 -D "$SECONDS_PER_RUN" "https://127.0.0.1:$2/1k.bin" \
          | awk '/^finished in/{gsub(",","",$4); print $4}' ;;
  esac
}

declare -A RESULTS=()
for ((r = 1; r <= ROUNDS; r++)); do
  for kind in keepalive-h1 handshakes h2; do
    for target in nginx:$P_NGINX frontdesk:$P_FD; do
      value=$(measure "$kind" "${target#*:}")
      log "round $r $kind ${target%%:*}: $value req/s"
      RESULTS[$kind.${target%%:*}]+="$value "
    done
  done
done

echo "| measure | nginx req/s (median) | Frontdesk req/s (median) | Frontdesk / nginx |"
echo "|---|---:|---:|---:|"
for kind in keepalive-h1 handshakes h2; do
  python3 - "$kind" "${RESULTS[$kind.nginx]}" "${RESULTS[$kind.frontdesk]}" <<'PY'
import statistics, sys
kind, n, f = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
print("| %s | %s | %s | %.2fx |" % (kind, format(round(statistics.median(n)), ","), format(round(statistics.median(f)), ","),
      statistics.median(f) / statistics.median(n)))
PY
done
echo
echo "Both serve one ECDSA P-256 certificate; TLS 1.3 negotiated by default; $(nproc) CPUs shared by load generator, proxies and backend."
