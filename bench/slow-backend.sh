#!/usr/bin/env bash
# bench/slow-backend.sh - how much traffic a slow backend still gets: three backends on loopback,
# one of them answering every request late, and wrk through Frontdesk with each balancing
# algorithm, nginx (round robin and least_conn) and HAProxy (leastconn), one after the other.
#
# The backends (bench/slow_backend.py, one process) answer "200 ok" at once, or after --delay ms
# for the slow one, and count the requests each receives per second. For each target: start it,
# warm it with wrk for --warm seconds while all three backends are fast, wait until it is idle,
# then make the third backend slow and at the same moment start wrk (2 threads, --connections
# connections, --seconds seconds). Reported per target: the slow backend's share of the requests
# the backends received, p50/p90/p99 of each request's latency, requests per second, the CPU time
# of the proxy's process tree per request (utime+stime, /proc), from which second of the run on
# the slow backend's share of each second stays under 5 % (the time a latency-aware algorithm
# takes to notice the slowness), and wrk's own --latency percentiles, which wrk corrects for
# coordinated omission. Any answer other than 2xx, or a socket error, fails the run.
#
# Every request carries its send time in X-Bench-Sent, which the backends echo, so that the wrk
# script times each request itself; and a header X-Bench-Key that cycles through 1,000 values per
# wrk thread, which consistent-hash hashes on, so that its requests spread as many users' would.
#
# Targets, in this order:
#   Frontdesk (the jar on JDK 25, -Xms512m -Xmx512m, bench_config's settings) once per algorithm in
#     ALGORITHMS (environment; default: round-robin weighted-round-robin least-requests
#     consistent-hash least-latency default), where "default" names no algorithm
#   the targets in OTHERS (environment; default: nginx-round-robin nginx-least-conn
#     haproxy-leastconn): nginx with 2 workers and the upstream state in a shared zone, HAProxy
#     (Debian package) with its default threads; both with keep-alive to the backends
# Ports 9150-9158 on 127.0.0.1.
#
# The report goes to stdout and to bench/results/slow-backend-DATE.md. Everything it starts it
# stops.
#
# Usage: [ALGORITHMS=...] [OTHERS=...] bench/slow-backend.sh [--no-build] [--seconds N] [--warm N]
#          [--connections N] [--delay MS] [--note TEXT]
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/slow-backend"
P_CONTROL=9150 P_FAST1=9151 P_FAST2=9152 P_SLOW=9153 P_FD=9155 P_MGMT=9156 P_NGINX=9157 P_HAPROXY=9158
BACKEND_PORTS=("$P_FAST1" "$P_FAST2" "$P_SLOW")
BENCH_BACKENDS="http://127.0.0.1:$P_FAST1 http://127.0.0.1:$P_FAST2 http://127.0.0.1:$P_SLOW"
ENV_GIVEN=()   # for the report's command: NAME VALUE of each of these two set in the environment
[[ -z ${ALGORITHMS+set} ]] || ENV_GIVEN+=(ALGORITHMS "$ALGORITHMS")
[[ -z ${OTHERS+set} ]] || ENV_GIVEN+=(OTHERS "$OTHERS")
read -ra ALGORITHMS <<<"${ALGORITHMS:-round-robin weighted-round-robin least-requests consistent-hash least-latency default}"
read -ra OTHERS <<<"${OTHERS:-nginx-round-robin nginx-least-conn haproxy-leastconn}"
KEY_HEADER=X-Bench-Key
UNDER=5   # percent

build=yes seconds=15 warm=5 connections=8 delay=500 note=""
args=("$@")
while (($#)); do
  case $1 in
    --no-build) build=no ;;
    --seconds) seconds=$2; shift ;;
    --warm) warm=$2; shift ;;
    --connections) connections=$2; shift ;;
    --delay) delay=$2; shift ;;
    --note) note=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[[ $seconds =~ ^[1-9][0-9]*$ && $warm =~ ^[0-9]+$ && $connections =~ ^[1-9][0-9]*$ && $delay =~ ^[0-9]+$ ]] \
  || { echo "--seconds, --warm, --connections and --delay take whole numbers" >&2; exit 2; }
for name in "${OTHERS[@]}"; do
  [[ $name =~ ^(nginx-round-robin|nginx-least-conn|haproxy-leastconn)$ ]] || { echo "OTHERS: unknown target $name" >&2; exit 2; }
done

source "$ROOT/bench/lib.sh"
require_commands wrk curl jq python3 -- wrk curl jq python3
require_packages nginx haproxy
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_free_ports "$P_CONTROL" "${BACKEND_PORTS[@]}" "$P_FD" "$P_MGMT" "$P_NGINX" "$P_HAPROXY"
rm -rf "$STATE"
mkdir -p "$STATE"

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1

# ---------------------------------------------------------------- the backends and the client

start_backends() {
  python3 "$ROOT/bench/slow_backend.py" "$P_CONTROL" "${BACKEND_PORTS[@]}" >"$STATE/backends.out" 2>&1 &
  BACKENDS_PID=$!
  PIDS+=("$BACKENDS_PID")
  await_answer "the backends" "$BACKENDS_PID" "http://127.0.0.1:$P_CONTROL/counts" "$STATE/backends.out"
}

# slow_from_now MS : zeroes the backends' counts and delays the slow backend's answers by MS
slow_from_now() {
  curl -fs -o /dev/null "http://127.0.0.1:$P_CONTROL/start?port=$P_SLOW&delay=$1" || die "the backends' control port failed"
}

# The wrk script: a GET of / with the key header and the send time in X-Bench-Sent, which the
# backends echo, so that each request's own latency is known; wrk's --latency figures are
# corrected for coordinated omission instead (see the report). Counts answers other than 2xx and
# answers without the echo; prints one RESULT line (latencies in microseconds).
write_wrk_script() {
  cat >"$STATE/keyed.lua" <<LUA
-- generated by bench/slow-backend.sh
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec")
local threads = {}

local function micros()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000000 + math.floor(tonumber(clock.tv_nsec) / 1000)
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  not_2xx = 0
  untimed = 0
  latencies = {}
end

function request()
  sent = sent + 1
  return wrk.format("GET", "/", { ["Host"] = "localhost", ["$KEY_HEADER"] = "user-" .. id .. "-" .. (sent % 1000),
    ["X-Bench-Sent"] = string.format("%d", micros()) })
end

function response(status, headers, body)
  if status < 200 or status > 299 then not_2xx = not_2xx + 1 end
  local stamp = headers["X-Bench-Sent"] or headers["x-bench-sent"]
  if stamp then
    latencies[#latencies + 1] = micros() - tonumber(stamp)
  else
    untimed = untimed + 1
  end
end

function done(summary, latency, requests)
  local all, failed, missing = {}, 0, 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("not_2xx")
    missing = missing + thread:get("untimed")
    for _, l in ipairs(thread:get("latencies")) do all[#all + 1] = l end
  end
  table.sort(all)
  local function percentile(p)
    return #all == 0 and 0 or all[math.max(1, math.ceil(#all * p / 100))]
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d %d\n", summary.requests, summary.duration, failed,
    missing, e.connect + e.read + e.write + e.timeout, percentile(50), percentile(90), percentile(99),
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
LUA
}

# send NAME SECONDS : runs wrk against PORT; sets REQUESTS, DURATION_US, each request's latencies
# L50, L90 and L99 and wrk's corrected ones W50, W90 and W99 (us)
send() {
  local out=$STATE/$1/wrk-$2s.out failed untimed errors
  timeout $(($2 + 60)) wrk -t2 -c"$connections" -d"$2s" --timeout 10s --latency -s "$STATE/keyed.lua" \
    "http://127.0.0.1:$PORT/" >"$out" 2>&1 || die "wrk failed against $1 (see $out)"
  read -r REQUESTS DURATION_US failed untimed errors L50 L90 L99 W50 W90 W99 <<<"$(sed -n 's/^RESULT //p' "$out")"
  [[ -n $W99 ]] || die "wrk printed no result against $1 (see $out)"
  ((failed == 0 && errors == 0)) || die "$1: $failed answers other than 2xx and $errors socket errors (see $out)"
  ((untimed == 0)) || die "$1: $untimed answers without X-Bench-Sent (see $out)"
}

# ---------------------------------------------------------------- the proxies

# start_frontdesk_with NAME ALGORITHM ("default": none named) : sets PID, PORT and ALGORITHM_USED
start_frontdesk_with() {
  local dir=$STATE/$1 line="      algorithm: round-robin"
  mkdir -p "$dir"
  bench_config "$P_FD" "$P_MGMT" >"$dir/frontdesk.yml"
  grep -qx "$line" "$dir/frontdesk.yml" || die "bench_config no longer writes '$line'"
  case $2 in
    default) sed -i "/^$line\$/d" "$dir/frontdesk.yml" ;;
    consistent-hash) sed -i "s/^$line\$/      algorithm: consistent-hash\n      hash-on: header:$KEY_HEADER/" "$dir/frontdesk.yml" ;;
    *) sed -i "s/^$line\$/      algorithm: $2/" "$dir/frontdesk.yml" ;;
  esac
  start_frontdesk "$JAR" "$dir/frontdesk.yml" "$dir/frontdesk.out"
  PID=${PIDS[-1]} PORT=$P_FD
  await_frontdesk "$P_MGMT" "$PID" "$dir/frontdesk.out"
  ALGORITHM_USED=$(curl -fs "http://127.0.0.1:$P_MGMT/actuator/backends/bench" | jq -r .algorithm) \
    || die "$1: /actuator/backends/bench did not answer"
  [[ $2 == default || $ALGORITHM_USED == "$2" ]] || die "$1 balances with $ALGORITHM_USED, not $2"
}

# start_nginx_with NAME METHOD (the upstream's balancing directive, "" for round robin) : sets PID
# and PORT
start_nginx_with() {
  nginx_conf "$1" "worker_processes 2;" "
  upstream backends {
    zone backends 64k;
    $2
    server 127.0.0.1:$P_FAST1;
    server 127.0.0.1:$P_FAST2;
    server 127.0.0.1:$P_SLOW;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$P_NGINX;
    location / {
      proxy_pass http://backends;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
  start_nginx "$1" "$P_NGINX"
  PORT=$P_NGINX
}

# start_haproxy NAME : HAProxy with leastconn; sets PID and PORT
start_haproxy() {
  local dir=$STATE/$1
  mkdir -p "$dir"
  cat >"$dir/haproxy.cfg" <<CFG
global
  maxconn 1024
defaults
  mode http
  option http-keep-alive
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend bench
  bind 127.0.0.1:$P_HAPROXY
  default_backend backends
backend backends
  balance leastconn
  server fast1 127.0.0.1:$P_FAST1
  server fast2 127.0.0.1:$P_FAST2
  server slow 127.0.0.1:$P_SLOW
CFG
  haproxy -c -f "$dir/haproxy.cfg" >"$dir/check.out" 2>&1 || die "haproxy: bad configuration (see $dir/check.out)"
  haproxy -db -f "$dir/haproxy.cfg" >"$dir/haproxy.out" 2>&1 &
  PID=$! PORT=$P_HAPROXY
  PIDS+=("$PID")
  await_answer haproxy "$PID" "http://127.0.0.1:$PORT/" "$dir/haproxy.out"
}

# start_target NAME : starts it (frontdesk-ALGORITHM or one of OTHERS); sets PID, PORT and LABEL
start_target() {
  case $1 in
    frontdesk-*)
      start_frontdesk_with "$1" "${1#frontdesk-}"
      if [[ $1 == frontdesk-default ]]; then
        LABEL="Frontdesk, no algorithm named (\`$ALGORITHM_USED\`)"
      else
        LABEL="Frontdesk \`$ALGORITHM_USED\`"
      fi ;;
    nginx-round-robin) start_nginx_with "$1" ""; LABEL="nginx round robin" ;;
    nginx-least-conn) start_nginx_with "$1" "least_conn;"; LABEL="nginx \`least_conn\`" ;;
    haproxy-leastconn) start_haproxy "$1"; LABEL="HAProxy \`leastconn\`" ;;
  esac
}

# ---------------------------------------------------------------- measuring

# shares COUNTS_JSON : the slow backend's (the last one's) share (percent) of the requests of each
# second of the run, one per line
shares() {
  jq -r --argjson n "$seconds" \
    '.seconds[:$n][] | if add > 0 then .[-1] * 100 / add else 0 end' "$1"
}

# under_from SHARES_FILE : the first second from which every second's share is under UNDER %, or
# "-" when the last one is not
under_from() {
  awk -v under="$UNDER" '{ share[NR - 1] = $1 } END {
    from = "-"
    for (i = NR - 1; i >= 0 && share[i] < under; i--) from = i
    print from
  }' "$1"
}

# millis US : microseconds as milliseconds with three significant digits
millis() { ms "$(awk -v us="$1" 'BEGIN { print us / 1000 }')"; }

declare -A LABELS SHARE COUNT LATENCIES CORRECTED RPS CPU BUSY FROM
# measure NAME : starts the target, warms it, measures it, stops it
measure() {
  local name=$1 before after busy_before busy_after counts=$STATE/$1/counts.json slow total
  mkdir -p "$STATE/$name"
  start_target "$name"
  LABELS[$name]=$LABEL
  log "$name: started (pid $PID, port $PORT)"
  if ((warm > 0)); then
    slow_from_now 0
    send "$name" "$warm"
  fi
  await_idle "$PID"
  before=$(tree_ticks "$PID") busy_before=$(busy_ticks)
  slow_from_now "$delay"
  send "$name" "$seconds"
  after=$(tree_ticks "$PID") busy_after=$(busy_ticks)
  curl -fs "http://127.0.0.1:$P_CONTROL/counts" >"$counts" || die "the backends' counts did not answer"
  stop_one "$PID"

  ((REQUESTS > 0)) || die "$name completed no request in $seconds s"
  read -r slow total < <(jq -r '"\(.total[-1]) \(.total | add)"' "$counts")
  COUNT[$name]="$slow of $total"
  SHARE[$name]=$(awk -v s="$slow" -v t="$total" 'BEGIN { printf "%.1f", s * 100 / t }')
  LATENCIES[$name]="$(millis "$L50") | $(millis "$L90") | $(millis "$L99")"
  CORRECTED[$name]="$(millis "$W50") | $(millis "$W90") | $(millis "$W99")"
  RPS[$name]=$(awk -v n="$REQUESTS" -v us="$DURATION_US" 'BEGIN { printf "%.0f", n * 1e6 / us }')
  CPU[$name]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$REQUESTS" 'BEGIN { printf "%.3g", t * 1000 / hz / n }')
  BUSY[$name]=$(awk -v all=$((busy_after - busy_before)) -v own=$((after - before)) -v hz="$CLK_TCK" \
    -v us="$DURATION_US" 'BEGIN { printf "%.0f%% / %.0f%%", all / hz / (us / 1e6) * 100, own / hz / (us / 1e6) * 100 }')
  shares "$counts" >"$STATE/$name/shares.txt"
  FROM[$name]=$(under_from "$STATE/$name/shares.txt")
  log "$name: slow backend ${SHARE[$name]}% (${COUNT[$name]}), p50 | p90 | p99 ${LATENCIES[$name]} ms, ${RPS[$name]} req/s, ${CPU[$name]} ms CPU per request"
}

# ---------------------------------------------------------------- the report

report() {
  local name i command span
  echo "# A slow backend: the share of requests it still gets, $(date +%F)"
  echo
  command=""
  for ((i = 0; i < ${#ENV_GIVEN[@]}; i += 2)); do
    command+="${ENV_GIVEN[i]}=$(quoted "${ENV_GIVEN[i + 1]}" | cut -c2-) "
  done
  command+="bench/slow-backend.sh$(quoted "${args[@]}")"
  if [[ $command == *'`'* ]]; then span='``' command=" $command "; else span='`'; fi   # a code span that holds it
  echo "Command: $span$command$span (commit $(git -C "$ROOT" rev-parse --short HEAD))."
  [[ -z $note ]] || { echo; echo "$note"; }
  echo
  echo "Three backends on loopback; from the start of each ${seconds} s run, one of them answers every request"
  echo "$delay ms late, the other two at once. wrk: 2 threads, $connections connections. The share is counted"
  echo "at the backends; latencies are each request's own, from its send to its answer; CPU per request"
  echo "is the proxy's process tree's utime+stime over the run divided by the requests wrk completed"
  echo "(counted in ticks of $((1000 / CLK_TCK)) ms: in runs of few requests it is coarse)."
  echo
  echo "| proxy, algorithm | slow backend's share | p50 ms | p90 ms | p99 ms | req/s | CPU ms / request | share under $UNDER % from second |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for name in "${TARGETS[@]}"; do
    printf '| %s | %s%% (%s) | %s | %s | %s | %s |\n' "${LABELS[$name]}" "${SHARE[$name]}" "${COUNT[$name]}" \
      "${LATENCIES[$name]}" "${RPS[$name]}" "${CPU[$name]}" "${FROM[$name]}"
  done
  echo
  echo "\"Share under $UNDER % from second\" is the first second of the run (0 = the first) from which the slow"
  echo "backend received under $UNDER % of each second's requests until the end; \"-\" when it never did."
  echo "The slow backend's share (%) second by second, counted at the backends by arrival:"
  echo
  printf '| proxy, algorithm |'
  for ((i = 0; i < seconds; i++)); do printf ' %d |' "$i"; done
  printf '\n| --- |'
  for ((i = 0; i < seconds; i++)); do printf ' ---: |'; done
  echo
  for name in "${TARGETS[@]}"; do
    printf '| %s |' "${LABELS[$name]}"
    awk '{ printf " %.0f |", $1 }' "$STATE/$name/shares.txt"
    echo
  done
  echo
  echo "wrk's own latency distribution (\`--latency\`) in the same runs, and how busy the CPUs were. wrk"
  echo "corrects its distribution for coordinated omission: for every answer slower than a connection's"
  echo "mean interval between requests (run time / (requests / connections)), it adds the latencies the"
  echo "requests held back behind it would have had, one per interval. The faster a proxy serves the"
  echo "others, the more of them one slow answer stands for, so these figures punish a few slow answers"
  echo "in a fast run far more than the per-request ones above."
  echo
  echo "| proxy, algorithm | wrk p50 ms | wrk p90 ms | wrk p99 ms | CPU busy: machine / proxy |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for name in "${TARGETS[@]}"; do
    printf '| %s | %s | %s |\n' "${LABELS[$name]}" "${CORRECTED[$name]}" "${BUSY[$name]}"
  done
  echo
  echo "## Setup"
  echo
  echo "- Machine: $(nproc) cores, shared by wrk, the proxy and the backends; load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "- Backends: bench/slow_backend.py (Python $(python3 -c 'import platform; print(platform.python_version())') asyncio, one process) on 127.0.0.1:$P_FAST1, :$P_FAST2 and :$P_SLOW (the slow one), \`200 ok\` (3 bytes) to every request, keep-alive."
  echo "- Frontdesk $(basename "$JAR") on $("$JDK25/bin/java" -version 2>&1 | head -1 | tr -d '"'), -Xms512m -Xmx512m ${FRONTDESK_JVM_OPTIONS[*]}, the default filters, one pool of the three backends (weight 1 each), \`consistent-hash\` on \`hash-on: header:$KEY_HEADER\`."
  echo "- nginx $(version_of nginx), 2 workers, the upstream in a shared zone, keep-alive 16; HAProxy $(version_of haproxy), default threads, \`option http-keep-alive\`. No health checks anywhere."
  echo "- Each target started alone, warmed for $warm s with all three backends fast, measured once idle; the slow backend turned slow as its run began. Order: ${TARGETS[*]}. Raw wrk output and per-second counts in $STATE."
}

# ---------------------------------------------------------------- the run

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
TARGETS=()
for algorithm in "${ALGORITHMS[@]}"; do TARGETS+=("frontdesk-$algorithm"); done
TARGETS+=("${OTHERS[@]}")
write_wrk_script
start_backends
log "backends on ${BACKEND_PORTS[*]} (the last slow by $delay ms); $seconds s per target after $warm s of warming"
for target in "${TARGETS[@]}"; do measure "$target"; done

mkdir -p "$ROOT/bench/results"
RESULT="$ROOT/bench/results/slow-backend-$(date +%F).md"
report | tee "$RESULT"
log "report written to $RESULT"
