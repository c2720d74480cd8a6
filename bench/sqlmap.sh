#!/usr/bin/env bash
# bench/sqlmap.sh - sqlmap against a deliberately injectable loopback app (bench/injectable/app.py),
# first directly (the anchor: sqlmap must confirm the injection, or the run proves nothing), then
# through Frontdesk with OWASP CRS at paranoia level 1 in blocking mode, with the tamper scripts
# attackers use to slip past WAFs and a browser's User-Agent (sqlmap's own is refused by CRS's
# scanner detection before any payload is judged). Through Frontdesk no injection may be confirmed.
#
# Prints, for each run, whether sqlmap confirmed an injection and how many requests reached the
# app; exits 1 when sqlmap confirms an injection through Frontdesk. Everything it starts it stops.
#
# Usage: bench/sqlmap.sh [--no-build] [--crs DIR] [--level N] [--risk N] [--tamper LIST]
#   defaults: CRS v4.28.0 from ../shared/crs, level 3, risk 2,
#             tamper space2comment,between,randomcase,charencode
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/frontdesk-bench}/sqlmap"
APP_PORT=9131 PORT=9132 MGMT=9133
CRS="$ROOT/../shared/crs/v4.28.0"
build=yes level=3 risk=2 tamper=space2comment,between,randomcase,charencode

while (($#)); do
  case $1 in
    --no-build) build=no ;;
    --crs) CRS=$2; shift ;;
    --level) level=$2; shift ;;
    --risk) risk=$2; shift ;;
    --tamper) tamper=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

source "$ROOT/bench/lib.sh"
require_commands sqlmap python3 curl -- sqlmap python3 curl
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
[[ -d $CRS/rules ]] || die "no CRS release at $CRS (use --crs DIR)"
require_free_ports $APP_PORT $PORT $MGMT
rm -rf "$STATE" && mkdir -p "$STATE"
JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1

: >"$STATE/app-requests.log"
python3 "$ROOT/bench/injectable/app.py" $APP_PORT "$STATE/app-requests.log" &
PIDS+=($!)

{ bench_config $PORT $MGMT | sed "s|http://127.0.0.1:9101|http://127.0.0.1:$APP_PORT|; /127.0.0.1:9102/d"
  crs_waf_config "$CRS" "$STATE/audit.log"
  cat <<YML
  shield:
    bans:
      enabled: false
YML
} >"$STATE/frontdesk.yml"
start_frontdesk "$JAR" "$STATE/frontdesk.yml" "$STATE/frontdesk.out"
await_frontdesk $MGMT "${PIDS[1]}" "$STATE/frontdesk.out"

# run_sqlmap NAME PORT : sqlmap on the app's id parameter through PORT; prints its verdict
run_sqlmap() {
  local name=$1 port=$2 before after verdict
  before=$(wc -l <"$STATE/app-requests.log")
  sqlmap -u "http://127.0.0.1:$port/item?id=1" -p id --level "$level" --risk "$risk" --tamper="$tamper" --random-agent \
    --batch --flush-session --disable-coloring --output-dir "$STATE/$name" >"$STATE/$name.out" 2>&1 || true
  after=$(wc -l <"$STATE/app-requests.log")
  if grep -q 'identified the following injection point' "$STATE/$name.out"; then verdict=confirmed; else verdict=none; fi
  log "$name: injection $verdict; $((after - before)) requests reached the app (sqlmap output: $STATE/$name.out)"
  echo "$verdict"
}

log "sqlmap level $level, risk $risk, tamper $tamper"
[[ $(run_sqlmap direct $APP_PORT) == confirmed ]] || die "sqlmap found no injection in the app itself: the anchor failed"
blocked_before=$(grep -c '"action":"blocked"' "$STATE/audit.log" || true)
verdict=$(run_sqlmap frontdesk $PORT)
log "Frontdesk blocked $(( $(grep -c '"action":"blocked"' "$STATE/audit.log" || true) - blocked_before )) requests"
[[ $verdict == none ]] || { log "BYPASS: sqlmap confirmed an injection through Frontdesk"; exit 1; }
log "no injection confirmed through Frontdesk"
