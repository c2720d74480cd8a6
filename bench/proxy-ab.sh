#!/usr/bin/env bash
# bench/proxy-ab.sh - two Frontdesk builds' CPU time per proxied request (or one's and the vanilla
# gateway's), measured at the same time, for telling a change of a few percent from this
# machine's noise.
#
# Run one after the other, two builds meet different neighbours: on a shared machine a build's
# CPU time per request moves by a tenth from one run to the next, more than most single changes
# save. Here both run at once, each in front of the same nginx (/1k.bin on 127.0.0.1:9101 and
# :9102) with the settings of bench/proxy-cpu.sh, each under its own wrk (1 thread, 32
# connections) for the same --seconds, so whatever else the machine does falls on both alike.
# After --warm seconds of that, each of --rounds rounds gives both builds' CPU time per request
# (utime+stime of the process tree over the round, divided by the requests its wrk completed)
# and their ratio B/A. Two JVMs of one jar run side by side this way differ by a few percent
# (which one started first, its ports, how its code was compiled), so the pair is measured in two
# legs, each with fresh JVMs: A started first, then B started first. The report gives each leg's
# median ratio and their geometric mean. The first build listed ("A") is the baseline.
# Either side may be `scg`: the vanilla Spring Cloud Gateway of ../shared/bench (built by its
# anchors.sh), routing to its own nginx port, so that Frontdesk is measured against it the same way.
# Everything it starts it stops.
#
# Usage: bench/proxy-ab.sh JAR_A|scg JAR_B|scg [--rounds N] [--seconds N] [--warm N]
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/proxy-ab"
SCG_JAR="${BENCH_STATE:-/tmp/anchors-bench}/scg-vanilla/target/scg-vanilla.jar"
HEADERS=(-H "Host: localhost" -H "User-Agent: wrk-anchors" -H "Accept: */*")
declare -A PORT MGMT

(($# >= 2)) || { sed -n '2,21p' "$0" | cut -c3- >&2; exit 2; }
declare -A JAR=([A]=$1 [B]=$2)
shift 2
rounds=8 seconds=10 warm=40
while (($#)); do
  case $1 in
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
for build in A B; do
  if [[ ${JAR[$build]} == scg ]]; then
    require_vanilla_gateway "$SCG_JAR"
  else
    [[ -f ${JAR[$build]} ]] || die "no jar at ${JAR[$build]}"
  fi
done
require_free_ports 9101 9102 9120 9121 9130 9131
mkdir -p "$STATE"

start_stand_in_backends "$STATE"

# load SECONDS : both builds under their own wrk at once; each one's output in $STATE/BUILD.wrk
load() {
  wrk -t1 -c32 -d"$1s" "${HEADERS[@]}" "http://127.0.0.1:${PORT[A]}/1k.bin" >"$STATE/A.wrk" &
  local other=$!
  wrk -t1 -c32 -d"$1s" "${HEADERS[@]}" "http://127.0.0.1:${PORT[B]}/1k.bin" >"$STATE/B.wrk"
  wait "$other"
}

# leg FIRST SECOND : starts the two builds in that order (the first on the lower ports), warms
# them, measures --rounds rounds into RUNS as "leg round A-us A-requests B-us B-requests B/A",
# then stops them
RUNS=()
leg() {
  declare -A PID
  local build r a0 b0 a1 b1 non2xx
  PORT[$1]=9120 MGMT[$1]=9121 PORT[$2]=9130 MGMT[$2]=9131
  local backend=9101
  for build in "$1" "$2"; do
    if [[ ${JAR[$build]} == scg ]]; then
      "$JDK25/bin/java" -Xms512m -Xmx512m -jar "$SCG_JAR" --server.port="${PORT[$build]}" \
        --bench.backend-uri="http://127.0.0.1:$backend" >"$STATE/$build.out" 2>&1 &
      PIDS+=($!)
    else
      bench_config "${PORT[$build]}" "${MGMT[$build]}" >"$STATE/$build.yml"
      start_frontdesk "${JAR[$build]}" "$STATE/$build.yml" "$STATE/$build.out"
    fi
    PID[$build]=${PIDS[-1]}
    backend=9102
  done
  for build in "$1" "$2"; do
    if [[ ${JAR[$build]} == scg ]]; then
      await_answer "the vanilla gateway" "${PID[$build]}" "http://127.0.0.1:${PORT[$build]}/1k.bin" "$STATE/$build.out" 60
    else
      await_frontdesk "${MGMT[$build]}" "${PID[$build]}" "$STATE/$build.out"
    fi
  done
  log "leg $1$2: warming both for $warm s"
  load "$warm"
  for ((r = 1; r <= rounds; r++)); do
    await_idle "${PID[A]}"
    await_idle "${PID[B]}"
    a0=$(tree_ticks "${PID[A]}") b0=$(tree_ticks "${PID[B]}")
    load "$seconds"
    a1=$(tree_ticks "${PID[A]}") b1=$(tree_ticks "${PID[B]}")
    for build in A B; do
      non2xx=$(awk '/Non-2xx/ { print $NF }' "$STATE/$build.wrk")
      [[ -z $non2xx ]] || die "$build answered $non2xx requests with a status other than 2xx"
    done
    RUNS+=("$(awk -v leg="$1$2" -v r="$r" -v ta=$((a1 - a0)) -v tb=$((b1 - b0)) -v hz="$CLK_TCK" \
      -v qa="$(awk '/requests in/ { print $1 }' "$STATE/A.wrk")" \
      -v qb="$(awk '/requests in/ { print $1 }' "$STATE/B.wrk")" \
      'BEGIN { a = ta / hz * 1e6 / qa; b = tb / hz * 1e6 / qb; printf "%s %d %.1f %d %.1f %d %.3f", leg, r, a, qa, b, qb, b / a }')")
    log "round ${RUNS[-1]}"
  done
  stop_one "${PID[$2]}"
  stop_one "${PID[$1]}"
}

leg A B
leg B A

printf '%s\n' "${RUNS[@]}" | awk -v a="${JAR[A]}" -v b="${JAR[B]}" -v rounds="$rounds" -v seconds="$seconds" '
  function median(x, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && x[j - 1] > x[j]; j--) { t = x[j]; x[j] = x[j - 1]; x[j - 1] = t }
    return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
  }
  { k = $1; n[k]++; ratio[k, n[k]] = $7; qratio[k, n[k]] = $6 / $4; line[NR] = $0 }
  END {
    for (k in n) {
      for (i = 1; i <= n[k]; i++) { x[i] = ratio[k, i]; y[i] = qratio[k, i] }
      mr[k] = median(x, n[k]); mq[k] = median(y, n[k])
    }
    printf "A: %s\nB: %s\n\n", a, b
    printf "Two legs of %d rounds of %d s, both builds at once (wrk -t1 -c32 each, GET /1k.bin);\n", rounds, seconds
    print "leg AB starts A first, on the lower ports, leg BA starts B first.\n"
    print "| leg | median B/A CPU per request | median B/A requests completed |"
    print "|---|---:|---:|"
    for (k in n) printf "| %s | %.3f | %.3f |\n", k, mr[k], mq[k]
    printf "\nB/A over both legs (geometric mean of the medians): CPU per request %.3f, requests completed %.3f\n\n",
      sqrt(mr["AB"] * mr["BA"]), sqrt(mq["AB"] * mq["BA"])
    print "Every round (leg, round, A CPU us/request, A requests, B CPU us/request, B requests, B/A CPU):\n"
    for (i = 1; i <= NR; i++) print "    " line[i]
  }' | tee "$STATE/report.md"
