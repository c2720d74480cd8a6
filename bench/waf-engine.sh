#!/usr/bin/env bash
# JMH: the WAF engine with CRS v4 at paranoia levels 1 and 2, microseconds and bytes allocated
# per request (browser GET, 4 KiB form POST, 64 KiB JSON POST). Results go to
# bench/results/waf-engine-DATE.txt. With --cpu, the same requests measured on the thread's CPU
# clock instead of wall time (WafEngineCpu), which other processes on a shared machine disturb
# less; results go to bench/results/waf-engine-cpu-DATE.txt.
#
#   bench/waf-engine.sh [--no-build] [--quick] [--cpu] [--crs DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

build=1
quick=0
cpu=0
crs=../shared/crs/v4.28.0
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0 ;;
        --quick) quick=1 ;;
        --cpu) cpu=1 ;;
        --crs) crs="$2"; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -d "$crs/rules" ] || { echo "no CRS release at $crs (use --crs DIR)" >&2; exit 2; }

if [ "$build" = 1 ]; then
    log "building test classes"
    ./mvnw -B -q test-compile
fi
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p bench/results
if [ "$cpu" = 1 ]; then
    out="bench/results/waf-engine-cpu-$(date +%F).txt"
    log "measuring CPU time per request (CRS at $crs)"
    seconds=(6 5)
    [ "$quick" = 1 ] && seconds=(3 2)
    java -Dcrs.dir="$crs" -cp "$classpath" io.frontdesk.waf.bench.WafEngineCpu "${seconds[@]}" | tee "$out"
    log "results in $out"
    exit 0
fi
options=()
[ "$quick" = 1 ] && options=(-wi 1 -i 2 -w 1s -r 1s)
out="bench/results/waf-engine-$(date +%F).txt"
log "running JMH (CRS at $crs)"
java -Dcrs.dir="$crs" -cp "$classpath" org.openjdk.jmh.Main WafEngineBenchmark -prof gc "${options[@]}" \
    | tee "$out"
log "results in $out"
