#!/usr/bin/env bash
# bench/compression.sh - what compression at the edge costs: throughput and CPU time per request of
# Frontdesk's cache hits served compressed (gzip, br) against the same hits uncompressed, against
# compressing every response of an uncached route, and against nginx with gzip on and proxy_cache,
# all in one run, in front of one backend.
#
# The backend (nginx, 1 worker, no compression of its own) serves a 16 KiB JavaScript file,
# /static/app.js (Cache-Control: max-age=3600) and the same file as /live/app.js with
# Cache-Control: no-store, so that a proxy stores the first and forwards every request for the
# second. Targets, started once, each measured on its own while the others are idle:
#   frontdesk  the jar on JDK 25 (-Xms512m -Xmx512m), one route with Cache=bench; compression as shipped
#              (gzip level 6, Brotli quality 4)
#   nginx      proxy_cache (1 h) and gzip on (gzip_comp_level 6 like Frontdesk; nginx's default is
#              1), gzip_types for JavaScript, gzip_vary on, 2 workers, upstream keepalive
# Each case is a path and an Accept-Encoding sent by wrk (2 threads, 64 connections) for --warm
# seconds, then, once the target is idle again, for --seconds; utime+stime of the target's process
# tree (/proc/PID/stat) over the second run, divided by the requests completed, is its CPU time
# per request. Before measuring, one curl per case checks the coding and that a hit is a hit, and
# every case runs 5 s to warm the JVM; then --rounds rounds (3) go over all cases in turn, and
# the report gives each case's median round (by req/s) and the spread of req/s.
# wrk and the backend run on the same 2 CPUs and are not counted. Ports 9170-9173 on 127.0.0.1.
#
# The report goes to stdout and to bench/results/compression-DATE.md. Everything it starts it stops.
#
# Usage: bench/compression.sh [--no-build] [--seconds N] [--warm N] [--rounds N] [--note TEXT]
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/compression"
P_BACK=9170 P_NGINX=9171 P_FD=9172 P_MGMT=9173
BENCH_BACKENDS="http://127.0.0.1:$P_BACK"
ASSET_BYTES=16384

build=yes seconds=10 warm=3 rounds=3 note=""
args=("$@")
while (($#)); do
  case $1 in
    --no-build) build=no ;;
    --seconds) seconds=$2; shift ;;
    --warm) warm=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --note) note=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[[ $seconds =~ ^[1-9][0-9]*$ && $warm =~ ^[0-9]+$ && $rounds =~ ^[1-9][0-9]*$ ]] \
  || { echo "--seconds, --warm and --rounds take whole numbers" >&2; exit 2; }

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl -- nginx wrk curl
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_free_ports $P_BACK $P_NGINX $P_FD $P_MGMT
rm -rf "$STATE"
mkdir -p "$STATE/www/static" "$STATE/www/live"

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1

# ---------------------------------------------------------------- the asset

# app_js BYTES : JavaScript-like text, deterministic, that compresses as a real bundle does
app_js() {
  local words=(render update state props fetch response handler element document window listener
    config options value index length result promise resolve reject module export default return)
  local i=0 out=""
  while ((${#out} < $1)); do
    out+="function ${words[i % 24]}_$i(${words[(i * 7) % 24]}, ${words[(i * 5 + 3) % 24]}) {"$'\n'
    out+="  const ${words[(i * 3 + 1) % 24]} = ${words[(i * 11) % 24]}.${words[(i * 13 + 2) % 24]}($i);"$'\n'
    out+="  return ${words[(i * 3 + 1) % 24]} || '${words[(i * 17) % 24]}-$((i * 31 % 997))';"$'\n}\n'
    i=$((i + 1))
  done
  printf '%s' "${out:0:$1}"
}
app_js $ASSET_BYTES >"$STATE/www/static/app.js"
cp "$STATE/www/static/app.js" "$STATE/www/live/app.js"

# ---------------------------------------------------------------- the servers

nginx_conf backend "worker_processes 1;" "
  include /etc/nginx/mime.types;
  server {
    listen 127.0.0.1:$P_BACK;
    root $STATE/www;
    location /static/ { add_header Cache-Control \"max-age=3600\"; }
    location /live/ { add_header Cache-Control \"no-store\"; }
  }"
start_nginx backend $P_BACK
BACKEND_PID=$PID

nginx_conf nginx "worker_processes 2;" "
  include /etc/nginx/mime.types;
  proxy_cache_path $STATE/nginx/cache levels=1:2 keys_zone=bench:10m max_size=256m inactive=1h;
  upstream backend {
    server 127.0.0.1:$P_BACK;
    keepalive 64;
  }
  gzip on;
  gzip_comp_level 6;
  gzip_types application/javascript text/javascript;
  gzip_proxied any;
  gzip_vary on;
  server {
    listen 127.0.0.1:$P_NGINX;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_cache bench;
      add_header X-Cache-Status \$upstream_cache_status;
    }
  }"
start_nginx nginx $P_NGINX
NGINX_PID=$PID

log "starting Frontdesk on JDK 25 (port $P_FD, management $P_MGMT)"
{
  bench_config $P_FD $P_MGMT Cache=bench
  printf '  cache:\n    policies:\n      bench:\n        stale-if-error: 0s\n'
} >"$STATE/frontdesk.yml"
start_frontdesk "$JAR" "$STATE/frontdesk.yml" "$STATE/frontdesk.out"
FRONTDESK_PID=${PIDS[-1]}
await_frontdesk $P_MGMT "$FRONTDESK_PID" "$STATE/frontdesk.out"

# ---------------------------------------------------------------- the cases

# Each case: target, path, Accept-Encoding ("" for none), the Content-Encoding it must get ("" for
# none), and whether the answer must be a cache hit.
CASES=(
  "frontdesk /static/app.js - - hit"
  "frontdesk /static/app.js gzip gzip hit"
  "frontdesk /static/app.js br br hit"
  "frontdesk /live/app.js - - miss"
  "frontdesk /live/app.js gzip gzip miss"
  "frontdesk /live/app.js br br miss"
  "nginx /static/app.js - - hit"
  "nginx /static/app.js gzip gzip hit"
  "nginx /live/app.js gzip gzip miss"
)

port_of() { if [[ $1 == frontdesk ]]; then echo $P_FD; else echo $P_NGINX; fi; }
pid_of() { if [[ $1 == frontdesk ]]; then echo "$FRONTDESK_PID"; else echo "$NGINX_PID"; fi; }

# check TARGET PATH ACCEPT CODING CACHED : one request, twice (the first may fill the cache)
check() {
  local url headers coding cache_field
  url="http://127.0.0.1:$(port_of "$1")$2"
  local ae=()
  [[ $3 == - ]] || ae=(-H "Accept-Encoding: $3")
  curl -fs -o /dev/null "${ae[@]}" "$url" || die "$1 $2: no answer"
  headers=$(curl -fs -D - -o /dev/null "${ae[@]}" "$url" | tr -d '\r')
  coding=$(sed -n 's/^[Cc]ontent-[Ee]ncoding: //p' <<<"$headers")
  [[ ${coding:--} == "$4" ]] || die "$1 $2 with Accept-Encoding '$3': coding '${coding:-none}', want '$4'"
  cache_field=$(grep -iE '^(cache-status|x-cache-status):' <<<"$headers" || true)
  if [[ $5 == hit ]]; then
    grep -qiE 'hit' <<<"$cache_field" || die "$1 $2: not a hit ($cache_field)"
  else
    ! grep -qiE '; hit|: HIT' <<<"$cache_field" || die "$1 $2: a hit, want a miss ($cache_field)"
  fi
}

# run TARGET PATH ACCEPT SECONDS [warm] : wrk; sets REQUESTS, RPS, BYTES (per response). Errors and
# timeouts fail a measured run; a warm-up run only warms.
run() {
  local out=$STATE/$1-${2//\//_}-$3-$4s${5:+-warm}.wrk ae=()
  [[ $3 == - ]] || ae=(-H "Accept-Encoding: $3")
  timeout $(($4 + 60)) wrk -t2 -c64 -d"$4s" --timeout 10s "${ae[@]}" "http://127.0.0.1:$(port_of "$1")$2" \
    >"$out" 2>&1 || die "wrk failed (see $out)"
  [[ -n ${5:-} ]] && return 0
  grep -q 'Non-2xx\|Socket errors' "$out" && die "errors or non-2xx answers (see $out)"
  REQUESTS=$(awk '/requests in/ {print $1}' "$out")
  RPS=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")
  BYTES=$(awk '/requests in/ {
      v = $5; sub(/[A-Za-z]+,?$/, "", v); u = $5; gsub(/[0-9.,]/, "", u)
      m = (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1
      printf "%.0f", v * m / $1 }' "$out")
}

log "checking every case"
for c in "${CASES[@]}"; do
  read -r target path ae coding cached <<<"$c"
  check "$target" "$path" "$ae" "$coding" "$cached"
done

log "warming: every case for 5 s"
for c in "${CASES[@]}"; do
  read -r target path ae _ <<<"$c"
  run "$target" "$path" "$ae" 5 warm
done

declare -A RESULT
for round in $(seq 1 "$rounds"); do
  for c in "${CASES[@]}"; do
    read -r target path ae _ <<<"$c"
    pid=$(pid_of "$target")
    ((warm == 0)) || run "$target" "$path" "$ae" "$warm" warm
    await_idle "$pid"
    await_idle "$BACKEND_PID"
    before=$(tree_ticks "$pid") busy_before=$(busy_ticks)
    run "$target" "$path" "$ae" "$seconds"
    after=$(tree_ticks "$pid") busy_after=$(busy_ticks)
    cpu_us=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$REQUESTS" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
    busy=$(awk -v all=$((busy_after - busy_before)) -v own=$((after - before)) -v hz="$CLK_TCK" -v s="$seconds" \
      -v cpus="$(nproc)" 'BEGIN { printf "%.0f%%/%.0f%%", all / hz / s / cpus * 100, own / hz / s / cpus * 100 }')
    RESULT[$c]+="$RPS $cpu_us $BYTES $busy"$'\n'
    log "round $round, $c: $RPS req/s, $cpu_us us CPU per request, $BYTES bytes per response, CPUs busy all/target $busy"
  done
done

# median CASE : the round of CASE with the median req/s, and the req/s range over the rounds
median() {
  local lines
  lines=$(printf '%s' "${RESULT[$1]}" | sort -n)
  MEDIAN=$(sed -n "$(( ($(wc -l <<<"$lines") + 1) / 2 ))p" <<<"$lines")
  RANGE="$(head -1 <<<"$lines" | cut -d' ' -f1) - $(tail -1 <<<"$lines" | cut -d' ' -f1)"
}

# ---------------------------------------------------------------- the report

stored=$(curl -fs "http://127.0.0.1:$P_MGMT/actuator/cache" | tr -d '\n' | sed -E 's/.*"entries":([0-9]+).*"bytes":([0-9]+).*/\1 entries, \2 bytes/' || echo "?")
report="$ROOT/bench/results/compression-$(date -u +%F).md"
{
  echo "# Compression at the edge: compressed cache hits, uncompressed hits, nginx gzip + proxy_cache"
  echo
  echo "Command: \`bench/compression.sh$(printf ' %q' "${args[@]}")\`${note:+ ($note)}"
  echo
  echo "One ${ASSET_BYTES}-byte JavaScript file; wrk -t2 -c64, ${warm} s warm-up then ${seconds} s measured per"
  echo "case, one case at a time, ${rounds} rounds; each row is the case's median round by req/s. CPU per request: utime+stime of the target's processes over the"
  echo "measured run / requests completed. hit: answered from the proxy's cache; miss: the backend"
  echo "said no-store, so every request goes to it (and is compressed on the way, when accepted)."
  echo "CPUs busy: the whole machine's CPU use over the measured run (wrk, backend and anything else"
  echo "running included) and the target's own, as shares of all CPUs."
  echo
  echo "| target | path | Accept-Encoding | answer | req/s | req/s min - max | CPU us/request | bytes/response | CPUs busy: all / target |"
  echo "|---|---|---|---|---:|---:|---:|---:|---:|"
  for c in "${CASES[@]}"; do
    read -r target path ae coding cached <<<"$c"
    median "$c"
    read -r rps cpu bytes busy <<<"$MEDIAN"
    printf '| %s | %s | %s | %s, %s | %s | %s | %s | %s | %s |\n' "$target" "$path" "${ae/-/none}" "$cached" \
      "${coding/-/identity}" "$rps" "$RANGE" "$cpu" "$bytes" "$busy"
  done
  echo
  echo "Frontdesk's memory tier after the run: $stored (identity, gzip and br variants of one file)."
  echo
  echo "Setup:"
  echo
  echo "- host: $(nproc) CPUs, $(uname -r); $(nginx -v 2>&1 | sed 's/^nginx version: //'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "- Frontdesk: $("$JDK25/bin/java" -version 2>&1 | head -1), -Xms512m -Xmx512m ${FRONTDESK_JVM_OPTIONS[*]}, gzip level 6, Brotli quality 4 (defaults)"
  echo "- nginx: 2 workers, proxy_cache, gzip on, gzip_comp_level 6, gzip_vary on, upstream keepalive 64"
} | tee "$report"
log "report written to $report"
