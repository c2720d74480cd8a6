#!/usr/bin/env bash
# bench/proxy-cpu.sh - Frontdesk's CPU time per proxied request beside a vanilla Spring Cloud
# Gateway's, with the requests per second of each, measured in one run.
#
# Starts one nginx serving /1k.bin on 127.0.0.1:9101 and :9102, Frontdesk (the jar on JDK 25,
# -Xms512m -Xmx512m and the container image's --sun-misc-unsafe-memory-access=allow, the default
# filters: access log to a file, metrics, header hygiene, request ids and the built-in baseline
# WAF rules) round-robin over both, and the vanilla gateway that ../shared/bench/anchors.sh builds
# (bench/scg-vanilla, same JDK and heap) in front of :9101 twice: as it comes ("scg") and with
# the same Netty option as Frontdesk's ("scg-unsafe"). Warms each for --warm seconds, then runs
# wrk (2 threads, 64 connections, anchors.sh's request headers) for --seconds against each,
# rotating which goes first, --rounds times. A run's CPU
# time per request is utime+stime of the gateway's process tree over the run divided by the
# requests wrk completed; "machine busy" is the share of both CPUs in use during the run (wrk,
# nginx and the gateway take all of it on this 2-CPU box; more shows other work). The table shows
# medians; every run is listed below it. Everything it starts it stops.
#
# Usage: bench/proxy-cpu.sh [--no-build | --jar FILE] [--rounds N] [--seconds N] [--warm N]
#   --jar FILE   measure this Frontdesk jar (an earlier build, say) instead of building one
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/proxy-cpu"
SCG_JAR="${BENCH_STATE:-/tmp/anchors-bench}/scg-vanilla/target/scg-vanilla.jar"
P_FD=9120 P_MGMT=9121 P_SCG=9112 P_SCG_UNSAFE=9113
HEADERS=(-H "Host: localhost" -H "User-Agent: wrk-anchors" -H "Accept: */*")

build=yes rounds=5 seconds=10 warm=20 jar=""
while (($#)); do
  case $1 in
    --no-build) build=no ;;
    --jar) jar=$2; build=no; shift ;;
    --rounds) rounds=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --warm) warm=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl -- nginx wrk curl
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
require_vanilla_gateway "$SCG_JAR"
require_free_ports 9101 9102 $P_FD $P_MGMT $P_SCG
mkdir -p "$STATE"

JAR=$(given_or_built_jar "$ROOT" "$build" "$jar") || exit 1
bench_config $P_FD $P_MGMT >"$STATE/frontdesk-bench.yml"
start_stand_in_backends "$STATE"

start_frontdesk "$JAR" "$STATE/frontdesk-bench.yml" "$STATE/frontdesk.out"
declare -A PID=([frontdesk]=${PIDS[-1]}) URL=([frontdesk]=http://127.0.0.1:$P_FD)
# start_scg NAME PORT [JVM_OPTION...]
start_scg() {
  "$JDK25/bin/java" -Xms512m -Xmx512m "${@:3}" -jar "$SCG_JAR" --server.port="$2" \
    --bench.backend-uri=http://127.0.0.1:9101 >"$STATE/$1.out" 2>&1 &
  PIDS+=($!)
  PID[$1]=$!
  URL[$1]=http://127.0.0.1:$2
}
start_scg scg $P_SCG
start_scg scg-unsafe $P_SCG_UNSAFE "${FRONTDESK_JVM_OPTIONS[@]}"
await_frontdesk $P_MGMT "${PID[frontdesk]}" "$STATE/frontdesk.out"
for name in scg scg-unsafe; do
  await_answer "$name" "${PID[$name]}" "${URL[$name]}/1k.bin" "$STATE/$name.out"
done

CONTENDERS=(frontdesk scg scg-unsafe)
for name in "${CONTENDERS[@]}"; do
  log "warming $name for $warm s"
  wrk -t2 -c64 -d"${warm}s" "${HEADERS[@]}" "${URL[$name]}/1k.bin" >/dev/null
done

# measure NAME ROUND : one wrk run; appends "name round req/s cpu-us/request busy%" to RUNS
RUNS=()
measure() {
  local name=$1 out=$STATE/$1-r$2.wrk before after busy_before busy_after requests rate non2xx
  await_idle "${PID[$name]}"
  before=$(tree_ticks "${PID[$name]}") busy_before=$(busy_ticks)
  wrk -t2 -c64 -d"${seconds}s" "${HEADERS[@]}" "${URL[$name]}/1k.bin" >"$out"
  after=$(tree_ticks "${PID[$name]}") busy_after=$(busy_ticks)
  requests=$(awk '/requests in/ { print $1 }' "$out")
  rate=$(awk '/^Requests\/sec/ { print $2 }' "$out")
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$out")
  [[ -z $non2xx ]] || die "$name answered $non2xx requests with a status other than 2xx (see $out)"
  RUNS+=("$(awk -v n="$name" -v r="$2" -v q="$requests" -v rate="$rate" -v t=$((after - before)) \
    -v b=$((busy_after - busy_before)) -v hz="$CLK_TCK" -v s="$seconds" -v cpus="$(nproc)" \
    'BEGIN { printf "%s %d %.0f %.1f %.0f", n, r, rate, t / hz * 1e6 / q, b / hz / (s * cpus) * 100 }')")
  log "round $2 ${RUNS[-1]}"
}

for ((r = 1; r <= rounds; r++)); do
  shift_by=$(((r - 1) % ${#CONTENDERS[@]}))
  order=("${CONTENDERS[@]:shift_by}" "${CONTENDERS[@]:0:shift_by}")
  for name in "${order[@]}"; do measure "$name" "$r"; done
done

report() {
  printf '%s\n' "${RUNS[@]}" | awk -v rounds="$rounds" -v seconds="$seconds" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { n[$1]++; rate[$1, n[$1]] = $3; cpu[$1, n[$1]] = $4; busy[$1, n[$1]] = $5; line[NR] = $0 }
    END {
      for (g in n) {
        for (i = 1; i <= n[g]; i++) { a[i] = rate[g, i]; b[i] = cpu[g, i]; c[i] = busy[g, i] }
        mr[g] = median(a, n[g]); mc[g] = median(b, n[g]); mb[g] = median(c, n[g])
        lo[g] = a[1]; hi[g] = a[n[g]]
      }
      printf "Medians of %d rotating rounds of %d s, wrk -t2 -c64, GET /1k.bin (loadavg at the end: %s).\n\n", rounds, seconds, load
      print "| gateway | req/s | req/s min - max | CPU us/request | machine busy % |"
      print "|---|---:|---:|---:|---:|"
      for (g in n) printf "| %s | %.0f | %.0f - %.0f | %.1f | %.0f |\n", g, mr[g], lo[g], hi[g], mc[g], mb[g]
      printf "\nFrontdesk / vanilla SCG: req/s %.2fx, CPU per request %.2fx\n", mr["frontdesk"] / mr["scg"], mc["frontdesk"] / mc["scg"]
      printf "Frontdesk / vanilla SCG with the same Netty option: req/s %.2fx, CPU per request %.2fx\n", mr["frontdesk"] / mr["scg-unsafe"], mc["frontdesk"] / mc["scg-unsafe"]
      print "\nEvery run (gateway, round, req/s, CPU us/request, machine busy %):\n"
      for (i = 1; i <= NR; i++) print "    " line[i]
    }'
}
report | tee "$STATE/report.md"
