#!/usr/bin/env bash
# bench/waf.sh - what the WAF costs Frontdesk beside what ModSecurity costs nginx, in one run of
# ../shared/bench/anchors.sh: nginx and nginx + ModSecurity v3 + CRS 3.3.4 (paranoia 1,
# blocking) against Frontdesk with the WAF off and with the same CRS release at paranoia 1,
# blocking (frontdesk.waf.mode on).
#
# Builds the jar (unless --no-build), starts both Frontdesk instances on JDK 25 with -Xms512m -Xmx512m in
# front of anchors.sh's backends, warms them for 20 s each, then hands over to anchors.sh.
# Everything it starts it stops.
#
# Usage: bench/waf.sh [--no-build] [--crs DIR] [anchors.sh options...]   (default: --only nginx,nginx-modsec)
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="$ROOT/../shared/bench/anchors.sh"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/frontdesk-waf"
OFF_PORT=9120 OFF_MGMT=9121 CRS_PORT=9122 CRS_MGMT=9123 WARM_SECONDS=20
CRS="$ROOT/../shared/crs/v3.3.4"

build=yes
args=()
while (($#)); do
  case $1 in
    --no-build) build=no ;;
    --crs) CRS=$2; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[[ " ${args[*]} " == *" --only "* ]] || args+=(--only "nginx,nginx-modsec")

source "$ROOT/bench/lib.sh"
require_commands nginx wrk curl -- nginx wrk curl
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
[[ -d $CRS/rules ]] || die "no CRS release at $CRS (use --crs DIR)"
require_free_ports 9101 9102 $OFF_PORT $OFF_MGMT $CRS_PORT $CRS_MGMT
mkdir -p "$STATE"

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1

{ bench_config $OFF_PORT $OFF_MGMT; printf '  waf:\n    mode: "off"\n'; } >"$STATE/waf-off.yml"
{ bench_config $CRS_PORT $CRS_MGMT; crs_waf_config "$CRS" "$STATE/audit.log"; } >"$STATE/waf-crs.yml"

log "starting Frontdesk with the WAF off (port $OFF_PORT) and with CRS at paranoia 1 (port $CRS_PORT)"
start_frontdesk "$JAR" "$STATE/waf-off.yml" "$STATE/waf-off.out"
start_frontdesk "$JAR" "$STATE/waf-crs.yml" "$STATE/waf-crs.out"
await_frontdesk $OFF_MGMT "${PIDS[0]}" "$STATE/waf-off.out"
await_frontdesk $CRS_MGMT "${PIDS[1]}" "$STATE/waf-crs.out"
rules=$(curl -fs "http://127.0.0.1:$CRS_MGMT/actuator/waf" | grep -o '"rules":[0-9]*' | head -1)
log "CRS instance loaded: $rules"

log "warming both for $WARM_SECONDS s against stand-in backends on 9101/9102"
start_stand_in_backends "$STATE"
for port in $OFF_PORT $CRS_PORT; do
  wrk -t2 -c64 -d${WARM_SECONDS}s "http://127.0.0.1:$port/1k.bin" >/dev/null
  wrk -t2 -c64 -d2s "http://127.0.0.1:$port/100k.bin" >/dev/null
done
stop_stand_in_backends

log "running anchors.sh ${args[*]} with both Frontdesk instances as extras"
"$ANCHORS" "${args[@]}" --extra "frontdesk-waf-off=http://127.0.0.1:$OFF_PORT" \
  --extra "frontdesk-crs-pl1=http://127.0.0.1:$CRS_PORT"
