#!/usr/bin/env bash
# bench/proxy-peers.sh - what a proxied request costs the proxy and its peers: the CPU time per
# request of the proxy's process tree, of the backend nginx's workers and of wrk, for Frontdesk and
# the vanilla Spring Cloud Gateway in turn, all of them on this machine's CPUs.
#
# Where the proxy shares its CPUs with the backend and the load generator, as in anchors.sh, how
# it hands them their work counts as much as its own CPU time: a proxy whose threads are never
# idle is preempted by every peer it wakes, and the peers then take their work a request at a time,
# each wake-up and switch paid once a request. Starts one nginx with anchors.sh's backend settings
# (a worker per CPU, sendfile, keep-alive) serving /1k.bin on 127.0.0.1:9101 and :9102. Then, for
# each of --rounds rounds and each contender in turn: Frontdesk (the jar on JDK 25, -Xms512m
# -Xmx512m, the image's --sun-misc-unsafe-memory-access=allow, the default filters, round-robin
# over both ports), once for each --event-loops count given (its default alone when none is), and
# the vanilla gateway that ../shared/bench/anchors.sh builds (-Xmx512m, as anchors.sh starts it, in
# front of :9101), each started afresh, warmed for --warm s and measured for --seconds s under
# wrk -t2 -c64 with anchors.sh's request headers, then stopped. A run reports the requests wrk
# completed and, per request, the CPU microseconds (utime+stime) of the proxy's tree, the nginx
# workers and wrk, what else the machine spent (other work), and the machine's softirq time (the
# kernel's network processing, counted in the processes' times it interrupted). The
# table shows each contender's medians; every run is listed below it. Everything it starts it stops.
#
# Usage: bench/proxy-peers.sh [--no-build | --jar FILE] [--rounds N] [--seconds N] [--warm N]
#                             [--event-loops N]...
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/proxy-peers"
SCG_JAR="${BENCH_STATE:-/tmp/anchors-bench}/scg-vanilla/target/scg-vanilla.jar"
P_FD=9120 P_MGMT=9121 P_SCG=9112
HEADERS=(-H "Host: localhost" -H "User-Agent: wrk-anchors" -H "Accept: */*")

build=yes rounds=3 seconds=10 warm=40 jar="" loops=()
while (($#)); do
  case $1 in
    --no-build) build=no ;;
    --jar) jar=$2; build=no; shift ;;
    --rounds) rounds=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --warm) warm=$2; shift ;;
    --event-loops) loops+=("$2"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl -- nginx wrk curl
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_vanilla_gateway "$SCG_JAR"
require_free_ports 9101 9102 $P_FD $P_MGMT $P_SCG
mkdir -p "$STATE/www"

JAR=$(given_or_built_jar "$ROOT" "$build" "$jar") || exit 1
head -c 1024 /dev/urandom >"$STATE/www/1k.bin"
nginx_conf backend "worker_processes auto;" "  sendfile on; tcp_nopush on; tcp_nodelay on;
  server { listen 127.0.0.1:9101; root $STATE/www; }
  server { listen 127.0.0.1:9102; root $STATE/www; }"
start_nginx backend 9101
BACKEND=$PID
mapfile -t WORKERS < <(pgrep -P "$BACKEND")
bench_config $P_FD $P_MGMT >"$STATE/frontdesk.yml"

CONTENDERS=()
if ((${#loops[@]})); then
  for n in "${loops[@]}"; do CONTENDERS+=("frontdesk-$n-loops"); done
else
  CONTENDERS+=(frontdesk)
fi
CONTENDERS+=(scg)

# start_contender NAME : starts it and waits until it answers; sets PID and URL
start_contender() {
  if [[ $1 == scg ]]; then
    "$JDK25/bin/java" -Xmx512m -jar "$SCG_JAR" --server.port=$P_SCG \
      --bench.backend-uri=http://127.0.0.1:9101 >"$STATE/scg.out" 2>&1 &
    PID=$!
    PIDS+=("$PID")
    URL=http://127.0.0.1:$P_SCG
    await_answer scg "$PID" "$URL/1k.bin" "$STATE/scg.out" 30
  else
    local options=()
    [[ $1 == frontdesk-*-loops ]] && options+=("-Dfrontdesk.edge.event-loops=$(cut -d- -f2 <<<"$1")")
    start_frontdesk "$JAR" "$STATE/frontdesk.yml" "$STATE/$1.out" "${options[@]}"
    PID=${PIDS[-1]}
    URL=http://127.0.0.1:$P_FD
    await_frontdesk $P_MGMT "$PID" "$STATE/$1.out"
  fi
}

# workers_ticks : utime+stime of the backend's workers
workers_ticks() {
  local total=0 pid
  for pid in "${WORKERS[@]}"; do total=$((total + $(tree_ticks "$pid"))); done
  echo "$total"
}

softirq_ticks() { awk '/^cpu / { print $8 }' /proc/stat; }

RUNS="$STATE/runs.tsv"
: >"$RUNS"
for ((round = 1; round <= rounds; round++)); do
  for name in "${CONTENDERS[@]}"; do
    start_contender "$name"
    wrk -t2 -c64 -d"${warm}s" "${HEADERS[@]}" "$URL/1k.bin" >/dev/null
    await_idle "$PID"
    proxy0=$(tree_ticks "$PID") backend0=$(workers_ticks) busy0=$(busy_ticks) softirq0=$(softirq_ticks)
    /usr/bin/time -f '%U %S' -o "$STATE/wrk.time" \
      wrk -t2 -c64 -d"${seconds}s" "${HEADERS[@]}" "$URL/1k.bin" >"$STATE/wrk.out"
    proxy1=$(tree_ticks "$PID") backend1=$(workers_ticks) busy1=$(busy_ticks) softirq1=$(softirq_ticks)
    requests=$(awk '/requests in/ { print $1 }' "$STATE/wrk.out")
    [[ -n $requests && $requests -gt 0 ]] || die "wrk completed no requests against $name (see $STATE/wrk.out)"
    read -r wrk_user wrk_sys <"$STATE/wrk.time"
    awk -v name="$name" -v round="$round" -v req="$requests" -v hz="$CLK_TCK" \
      -v proxy=$((proxy1 - proxy0)) -v backend=$((backend1 - backend0)) -v busy=$((busy1 - busy0)) \
      -v softirq=$((softirq1 - softirq0)) -v wrk="$wrk_user $wrk_sys" 'BEGIN {
        split(wrk, w, " "); us = 1e6 / hz / req; wrk_us = (w[1] + w[2]) * 1e6 / req
        printf "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", name, round, req, proxy * us, backend * us, wrk_us,
          softirq * us, (busy - proxy - backend) * us - wrk_us }' >>"$RUNS"
    log "$(tail -1 "$RUNS" | awk -F'\t' '{ printf "%s round %s: %d requests; us/request proxy %s, backend %s, wrk %s, softirq %s, other %s", $1, $2, $3, $4, $5, $6, $7, $8 }')"
    stop_one "$PID"
  done
done

echo
echo "CPU microseconds per request (medians of $rounds round(s) of $seconds s after $warm s of warm-up, wrk -t2 -c64, GET /1k.bin):"
echo
echo "| contender | requests | proxy | backend nginx | wrk | of these, softirq | other work |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for name in "${CONTENDERS[@]}"; do
  printf '| %s |' "$name"
  for column in 3 4 5 6 7 8; do
    printf ' %s |' "$(awk -F'\t' -v n="$name" -v c=$column '$1 == n { print $c }' "$RUNS" | sort -n \
      | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
  done
  echo
done
echo
echo "Every run (contender, round, requests, proxy, backend, wrk, softirq, other):"
echo
sed 's/^/    /; s/\t/ /g' "$RUNS"
