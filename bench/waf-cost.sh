#!/usr/bin/env bash
# bench/waf-cost.sh - what the WAF costs per request: the CPU time of each proxy's process tree
# per request, Frontdesk with CRS beside nginx + ModSecurity v3 + CRS 3.3.4, on four benign
# request shapes, every target in front of the same backend.
#
# Targets, started, warmed, measured and stopped one after the other:
#   modsec    nginx + ModSecurity v3 + CRS 3.3.4 (Debian's libnginx-mod-http-modsecurity and
#             modsecurity-crs), paranoia level 1, blocking
#   off       Frontdesk (the jar on JDK 25, -Xms512m -Xmx512m), WAF off
#   crs3-pl1  Frontdesk + CRS 3.3.4 (--crs3 DIR), paranoia level 1, blocking
#   crs4-pl1  Frontdesk + CRS 4.28.0 (--crs4 DIR), paranoia level 1, blocking
#   crs4-pl2  the same at paranoia level 2
#   crs4-pl1-unkept  CRS 4.28.0 at paranoia level 1 keeping nothing of the values it saw
#             (-Dfrontdesk.waf.recent-values=false): what requests whose every value is new cost,
#             since each shape here repeats its values request after request
# Shapes, deterministic and benign, with a browser's headers and Host: localhost:
#   get       a browser's GET of a page, with a query string and cookies
#   form      a 4 KiB urlencoded form of 40 fields
#   json4k    a 4 KiB JSON object of 40 strings
#   json64k   a 64 KiB JSON body of 300 strings
# Each shape is sent with wrk (2 threads, 4 connections) for --warm seconds, again round after
# round (every shape each round, at most --warm-rounds) until the JIT compiler threads take under
# 2% of the target's CPU time in a round, so that the runs measure the compiled code and not its
# compiling (a Frontdesk with CRS was still compiling for a third of its CPU time after one round);
# then, once the target is idle again, each shape is sent for --seconds; utime+stime of the target's process and its descendants
# (/proc/PID/stat) before and after the second run, divided by the requests completed, is its CPU
# time per request. Requests still in flight when a run ends (4 at most) are not counted, though
# part of their CPU time is: short runs of slow shapes read high. The backend (an nginx answering
# 200 to every method and path) is not counted. Any answer other than 200 fails the run, with the
# rules that matched. Ports 9140-9143 on 127.0.0.1.
#
# The report goes to stdout and to bench/results/waf-cost-DATE.md. Everything it starts it stops.
#
# Usage: bench/waf-cost.sh [--no-build] [--seconds N] [--warm N] [--warm-rounds N] [--crs3 DIR]
#                          [--crs4 DIR] [--note TEXT]
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
STATE="${BENCH_STATE:-/tmp/anchors-bench}/waf-cost"
P_BACK=9140 P_MODSEC=9141 P_FD=9142 P_MGMT=9143
BENCH_BACKENDS="http://127.0.0.1:$P_BACK"
CRS3="$ROOT/../shared/crs/v3.3.4" CRS4="$ROOT/../shared/crs/v4.28.0"
MODSEC_MODULE=/usr/lib/nginx/modules/ngx_http_modsecurity_module.so
MODSEC_REFERENCE=/usr/share/nginx/docs/modsecurity/modsecurity.conf
DEBIAN_CRS=/usr/share/modsecurity-crs
TARGETS=(modsec off crs3-pl1 crs4-pl1 crs4-pl2 crs4-pl1-unkept)
SHAPES=(get form json4k json64k)
ATTACK_QUERY="q=1%27%20OR%20%271%27%3D%271"

build=yes seconds=10 warm=5 warm_rounds=8 note=""
# Warming is over after a round in which the JIT compiler threads took less than this share of the target's CPU time.
SETTLED_PERCENT=2
args=("$@")
while (($#)); do
  case $1 in
    --no-build) build=no ;;
    --seconds) seconds=$2; shift ;;
    --warm) warm=$2; shift ;;
    --warm-rounds) warm_rounds=$2; shift ;;
    --crs3) CRS3=$2; shift ;;
    --crs4) CRS4=$2; shift ;;
    --note) note=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[[ $seconds =~ ^[1-9][0-9]*$ && $warm =~ ^[0-9]+$ ]] || { echo "--seconds and --warm take whole seconds" >&2; exit 2; }
[[ $warm_rounds =~ ^[1-9][0-9]*$ ]] || { echo "--warm-rounds takes a whole number of rounds, at least 1" >&2; exit 2; }

source "$ROOT/bench/lib.sh"
require_commands wrk curl jq -- wrk curl jq
require_packages nginx libnginx-mod-http-modsecurity modsecurity-crs
[[ -x $JDK25/bin/java ]] || die "JDK 25 not found at $JDK25"
[[ -f $MODSEC_MODULE && -f $MODSEC_REFERENCE && -d $DEBIAN_CRS/rules ]] || die "ModSecurity's nginx module, reference configuration or CRS is missing"
[[ -d $CRS3/rules ]] || die "no CRS release at $CRS3 (use --crs3 DIR)"
[[ -d $CRS4/rules ]] || die "no CRS release at $CRS4 (use --crs4 DIR)"
CRS3=$(realpath "$CRS3") CRS4=$(realpath "$CRS4")
require_free_ports $P_BACK $P_MODSEC $P_FD $P_MGMT
rm -rf "$STATE"
mkdir -p "$STATE"

JAR=$(frontdesk_jar "$ROOT" "$build") || exit 1
export LC_ALL=C   # lengths in bytes

# ---------------------------------------------------------------- the requests

WORDS=(amber meadow harbor lantern orchard pebble willow cobalt saffron thistle juniper granite
  velvet hollow cedar maple copper falcon ember glacier prairie canyon lagoon tundra quartz sparrow
  heron birch fern clover river summit valley breeze coral dune forest island marble linen)
SEED=7

# text LEN SEP : sets TEXT to LEN bytes of words from WORDS joined by SEP, the next words of a
# fixed pseudo-random sequence (SEED), the last one followed by digits up to the length
text() {
  local len=$1 sep=$2 out="" word
  while :; do
    SEED=$(((SEED * 1103515245 + 12345) % 2147483648))
    word=${WORDS[SEED / 65536 % ${#WORDS[@]}]}
    ((${#out} + ${#sep} + ${#word} <= len)) || break
    out+=${out:+$sep}$word
  done
  out+=0123456789012345678901234567890123456789
  TEXT=${out:0:len}
}

# share TOTAL PARTS I : the size of part I (from 0) when TOTAL bytes are split into PARTS
share() { echo $(($1 / $2 + ($3 < $1 % $2 ? 1 : 0))); }

form_body() {   # 40 fields, 4096 bytes
  local i sep=""
  for ((i = 0; i < 40; i++)); do
    text "$(share $((4096 - 40 * 8 - 39)) 40 $i)" +
    printf '%sfield%02d=%s' "$sep" $((i + 1)) "$TEXT"
    sep="&"
  done
}

json4k_body() {   # an object of 40 strings, 4096 bytes
  local i sep=""
  printf '{'
  for ((i = 0; i < 40; i++)); do
    text "$(share $((4096 - 2 - 40 * 12 - 39)) 40 $i)" ' '
    printf '%s"field%02d":"%s"' "$sep" $((i + 1)) "$TEXT"
    sep=","
  done
  printf '}'
}

json64k_body() {   # 50 objects of 6 strings, 65536 bytes
  local i j keys=(name city note tags memo text) sep
  printf '{"items":['
  for ((i = 0; i < 50; i++)); do
    ((i == 0)) || printf ','
    printf '{'
    sep=""
    for ((j = 0; j < 6; j++)); do
      text "$(share $((65536 - 12 - 49 - 50 * 61)) 300 $((i * 6 + j)))" ' '
      printf '%s"%s":"%s"' "$sep" "${keys[j]}" "$TEXT"
      sep=","
    done
    printf '}'
  done
  printf ']}'
}

# request METHOD TARGET KIND [CONTENT_TYPE BODY] : a browser's request (KIND: page, form or fetch)
request() {
  local lines=("$1 $2 HTTP/1.1" "Host: localhost" "Connection: keep-alive")
  [[ -z ${5:-} ]] || lines+=("Content-Length: ${#5}")
  lines+=('sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"'
    "sec-ch-ua-mobile: ?0" 'sec-ch-ua-platform: "Linux"')
  case $3 in
    page|form) lines+=("Upgrade-Insecure-Requests: 1") ;;
  esac
  [[ -z ${4:-} ]] || lines+=("Origin: http://localhost" "Content-Type: $4")
  lines+=("User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36")
  case $3 in
    fetch) lines+=("Accept: application/json, text/plain, */*" "Sec-Fetch-Site: same-origin"
             "Sec-Fetch-Mode: cors" "Sec-Fetch-Dest: empty") ;;
    *) lines+=("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
         "Sec-Fetch-Site: same-origin" "Sec-Fetch-Mode: navigate" "Sec-Fetch-User: ?1" "Sec-Fetch-Dest: document") ;;
  esac
  lines+=("Referer: http://localhost/shop/catalog" "Accept-Encoding: gzip, deflate, br, zstd"
    "Accept-Language: en-US,en;q=0.9" "Cookie: session=4f2a9c1e7b3d5a60; theme=light; cart_items=3")
  printf '%s\r\n' "${lines[@]}" ""
  printf '%s' "${5:-}"
}

write_requests() {
  local dir=$STATE/requests
  mkdir -p "$dir"
  request GET "/shop/catalog?category=garden&page=2&sort=price" page >"$dir/get.http"
  request POST /account/profile form application/x-www-form-urlencoded "$(form_body)" >"$dir/form.http"
  request POST /api/orders fetch application/json "$(json4k_body)" >"$dir/json4k.http"
  request POST /api/catalog/import fetch application/json "$(json64k_body)" >"$dir/json64k.http"
  jq -e . <(sed '1,/^\r$/d' "$dir/json4k.http") >/dev/null || die "json4k is not JSON"
  jq -e . <(sed '1,/^\r$/d' "$dir/json64k.http") >/dev/null || die "json64k is not JSON"
}

# The wrk script: sends the raw request in the file named by its argument, counts answers other
# than 200 and prints one RESULT line.
write_wrk_script() {
  cat >"$STATE/send.lua" <<'LUA'
-- generated by bench/waf-cost.sh
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "rb"))
  raw = file:read("*a")
  file:close()
  not_200 = 0
  first_status = 0
end

function request()
  return raw
end

function response(status, headers, body)
  if status ~= 200 then
    not_200 = not_200 + 1
    if first_status == 0 then first_status = status end
  end
end

function done(summary, latency, requests)
  local failed, first = 0, 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("not_200")
    if first == 0 then first = thread:get("first_status") end
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration, failed, first,
    e.connect + e.read + e.write + e.timeout))
end
LUA
}

# ---------------------------------------------------------------- the servers

start_backend() {
  nginx_conf backend "worker_processes 1;" "
  server {
    listen 127.0.0.1:$P_BACK;
    location / { return 200 \"ok\n\"; }
  }"
  start_nginx backend $P_BACK
}

# start_modsec : sets PID, PORT, LOG (where rule matches are written) and LOADED
start_modsec() {
  local dir=$STATE/modsec
  mkdir -p "$dir/modsec"
  chmod 1777 "$dir/modsec"
  # Debian's reference configuration in blocking mode, its files under $dir
  sed -e 's/^SecRuleEngine .*/SecRuleEngine On/' \
    -e "s#^SecTmpDir .*#SecTmpDir $dir/modsec/#" \
    -e "s#^SecDataDir .*#SecDataDir $dir/modsec/#" \
    -e "s#^SecAuditLog .*#SecAuditLog $dir/audit.log#" \
    -e "s#^SecUnicodeMapFile unicode.mapping#SecUnicodeMapFile $(dirname "$MODSEC_REFERENCE")/unicode.mapping#" \
    -e 's/^SecStatusEngine .*/SecStatusEngine Off/' \
    "$MODSEC_REFERENCE" >"$dir/modsecurity.conf"
  # CRS: the settings Debian's crs-setup.conf makes (anomaly scoring, inbound threshold 5),
  # paranoia level 1 stated, then the rules
  cat >"$dir/rules.conf" <<CONF
Include $dir/modsecurity.conf
SecDefaultAction "phase:1,log,auditlog,pass"
SecDefaultAction "phase:2,log,auditlog,pass"
SecAction "id:900000,phase:1,pass,nolog,t:none,setvar:tx.paranoia_level=1"
SecAction "id:900990,phase:1,pass,nolog,t:none,setvar:tx.crs_setup_version=334"
Include $DEBIAN_CRS/rules/*.conf
CONF
  nginx_conf modsec "load_module $MODSEC_MODULE;
worker_processes auto;" "
  upstream backend {
    server 127.0.0.1:$P_BACK;
    keepalive 16;
  }
  modsecurity on;
  modsecurity_rules_file $dir/rules.conf;
  server {
    listen 127.0.0.1:$P_MODSEC;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
  start_nginx modsec $P_MODSEC
  PORT=$P_MODSEC LOG=$dir/error.log
  LOADED=$(grep -o 'rules loaded [^)]*' "$dir/test.out" | head -1)
}

# start_frontdesk_with NAME CRS_DIR PARANOIA [JVM_OPTION...] (CRS_DIR "" for the WAF off) : sets
# PID, PORT, LOG and LOADED
start_frontdesk_with() {
  local dir=$STATE/$1
  mkdir -p "$dir"
  {
    bench_config $P_FD $P_MGMT
    if [[ -n $2 ]]; then crs_waf_config "$2" "$dir/audit.log" "$3"; else printf '  waf:\n    mode: "off"\n'; fi
  } >"$dir/frontdesk.yml"
  start_frontdesk "$JAR" "$dir/frontdesk.yml" "$dir/frontdesk.out" "${@:4}"
  PID=${PIDS[-1]}
  await_frontdesk $P_MGMT "$PID" "$dir/frontdesk.out"
  : >>"$dir/audit.log"
  PORT=$P_FD LOG=$dir/audit.log
  LOADED=$(curl -fs "http://127.0.0.1:$P_MGMT/actuator/waf" \
    | jq -r 'if .mode == "off" then "WAF off" else "\(.rules) rules loaded" end' 2>/dev/null || echo "?")
}

# start_target NAME : starts it (see TARGETS); sets PID, PORT, LOG and LOADED
start_target() {
  case $1 in
    modsec) start_modsec ;;
    off) start_frontdesk_with off "" 0 ;;
    crs3-pl1) start_frontdesk_with crs3-pl1 "$CRS3" 1 ;;
    crs4-pl1) start_frontdesk_with crs4-pl1 "$CRS4" 1 ;;
    crs4-pl2) start_frontdesk_with crs4-pl2 "$CRS4" 2 ;;
    crs4-pl1-unkept) start_frontdesk_with crs4-pl1-unkept "$CRS4" 1 -Dfrontdesk.waf.recent-values=false ;;
  esac
}

# ---------------------------------------------------------------- measuring

# matches NAME OFFSET : the rules that matched in NAME's log after byte OFFSET, counted
matches() {
  if [[ $1 == modsec ]]; then
    tail -c +$(($2 + 1)) "$LOG" | sed -nE 's/.*ModSecurity: .*\[id "([0-9]+)"\].*\[msg "([^"]*)"\].*/\1: \2/p'
  else
    tail -c +$(($2 + 1)) "$LOG" | jq -r '.matched_rules[]? | "\(.id) \(.matched_var): \(.msg)"'
  fi | sort | uniq -c | sort -rn | awk 'NR <= 20'
}

# send NAME SHAPE SECONDS : runs wrk; sets REQUESTS, DURATION_US; fails the run on any answer
# other than 200, naming the rules that matched
send() {
  local name=$1 shape=$2 out=$STATE/$1/$2-$3s.wrk offset failed first errors rules verdict
  offset=$(stat -c %s "$LOG")
  timeout $(($3 + 90)) wrk -t2 -c4 -d"$3s" --timeout 30s -s "$STATE/send.lua" "http://127.0.0.1:$PORT/" \
    -- "$STATE/requests/$shape.http" >"$out" 2>&1 || die "wrk failed on $shape against $name (see $out)"
  read -r REQUESTS DURATION_US failed first errors <<<"$(sed -n 's/^RESULT //p' "$out")"
  [[ -n $errors ]] || die "wrk printed no result for $shape against $name (see $out)"
  if ((failed > 0 || errors > 0)); then
    rules=$(matches "$name" "$offset")
    if [[ $name == modsec ]]; then
      verdict="ModSecurity refused it with CRS 3.3.4: the $shape request is not benign for CRS, change it"
    elif [[ -n ${CPU[modsec,$shape]:-} ]]; then
      verdict="ModSecurity with CRS 3.3.4 passed it: if the rules below are in CRS 3.3.4 or flag a benign value, suspect Frontdesk's WAF; otherwise the request is not benign for this CRS"
    else
      verdict="check the rules below"
    fi
    log "$shape against $name: $failed of $REQUESTS answers were not 200 (first: ${first:-?}), $errors socket errors"
    log "$verdict"
    log "rules that matched:"$'\n'"${rules:-  (none logged)}"
    exit 1
  fi
}

# compiler_ticks PID : the CPU ticks the JIT compiler threads of process PID have taken (0 for a
# process without them)
compiler_ticks() {
  local task stat fields total=0
  for task in /proc/"$1"/task/*; do
    [[ $(<"$task/comm") == C[12]\ CompilerThre* ]] 2>/dev/null || continue
    stat=$(<"$task/stat") || continue
    read -ra fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# warm_up NAME : sends every shape for --warm seconds, round after round until the JIT compiler
# threads took under SETTLED_PERCENT of the target's CPU time in a round; sets WARM_ROUNDS and
# COMPILING (the compiler threads' share of the last round)
warm_up() {
  local round shape before after compiled_before compiled_after
  for ((round = 1; round <= warm_rounds; round++)); do
    before=$(tree_ticks "$PID") compiled_before=$(compiler_ticks "$PID")
    for shape in "${SHAPES[@]}"; do send "$1" "$shape" "$warm"; done
    after=$(tree_ticks "$PID") compiled_after=$(compiler_ticks "$PID")
    COMPILING=$(awk -v c=$((compiled_after - compiled_before)) -v t=$((after - before)) \
      'BEGIN { printf "%.1f", (t > 0 ? c * 100 / t : 0) }')
    WARM_ROUNDS=$round
    awk -v c="$COMPILING" -v limit="$SETTLED_PERCENT" 'BEGIN { exit !(c < limit) }' && return 0
  done
  log "$1: the JIT compiler threads still took $COMPILING% of its CPU time after $warm_rounds warm rounds"
}

declare -A CPU RPS COUNT MATCHED BUSY WARMED
# measure NAME : starts the target, checks that it blocks, warms it, measures each shape, stops it
measure() {
  local name=$1 shape code before after busy_before busy_after offset
  start_target "$name"
  log "$name: started (pid $PID, port $PORT; $LOADED)"
  LOADED_BY[$name]=$LOADED
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: localhost' -H 'Accept: */*' \
    -H 'User-Agent: Mozilla/5.0' "http://127.0.0.1:$PORT/?$ATTACK_QUERY")
  if [[ $name == off ]]; then
    [[ $code == 200 ]] || die "$name answers $code to ?$ATTACK_QUERY, want 200"
  else
    [[ $code == 403 ]] || die "$name answers $code to ?$ATTACK_QUERY, want 403: not blocking"
  fi
  offset=$(stat -c %s "$LOG")
  if ((warm > 0)); then
    warm_up "$name"
    WARMED[$name]="$WARM_ROUNDS round(s), $COMPILING% compiling in the last"
    log "$name: warmed in ${WARMED[$name]}"
  fi
  for shape in "${SHAPES[@]}"; do
    await_idle "$PID"
    before=$(tree_ticks "$PID") busy_before=$(busy_ticks)
    send "$name" "$shape" "$seconds"
    after=$(tree_ticks "$PID") busy_after=$(busy_ticks)
    ((REQUESTS > 0)) || die "$name completed no $shape request in $seconds s (try a larger --seconds)"
    COUNT[$name,$shape]=$REQUESTS
    CPU[$name,$shape]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$REQUESTS" 'BEGIN { printf "%.4f", t * 1000 / hz / n }')
    RPS[$name,$shape]=$(awk -v n="$REQUESTS" -v us="$DURATION_US" 'BEGIN { printf "%.1f", n * 1e6 / us }')
    BUSY[$name,$shape]=$(awk -v all=$((busy_after - busy_before)) -v own=$((after - before)) -v hz="$CLK_TCK" \
      -v us="$DURATION_US" 'BEGIN { printf "%.0f%% / %.0f%%", all / hz / (us / 1e6) * 100, own / hz / (us / 1e6) * 100 }')
    log "$name $shape: $REQUESTS requests, ${CPU[$name,$shape]} ms CPU each, ${RPS[$name,$shape]} req/s"
  done
  MATCHED[$name]=$(matches "$name" "$offset")
  stop_one "$PID"
}

# ---------------------------------------------------------------- the report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

report() {
  local modsec_version crs_deb v3 v4 shape name line
  modsec_version=$(version_of libmodsecurity3) crs_deb=$(version_of modsecurity-crs)
  v3=$(basename "$CRS3") v4=$(basename "$CRS4")
  declare -A label=([get]="browser GET" [form]="4 KiB urlencoded form (40 fields)"
    [json4k]="4 KiB JSON (40 values)" [json64k]="64 KiB JSON (300 values)")
  local header="| request | nginx + ModSecurity ${modsec_version%%-*} + CRS ${crs_deb%%-*} PL1 | Frontdesk, WAF off | Frontdesk + CRS ${v3#v} PL1 | Frontdesk + CRS ${v4#v} PL1 | Frontdesk + CRS ${v4#v} PL2 | Frontdesk + CRS ${v4#v} PL1, nothing kept"
  echo "# WAF cost per request: Frontdesk + CRS beside nginx + ModSecurity + CRS, $(date +%F)"
  echo
  echo "Command: \`bench/waf-cost.sh$(quoted "${args[@]}")\` (commit $(git -C "$ROOT" rev-parse --short HEAD))."
  [[ -z $note ]] || { echo; echo "$note"; }
  echo
  echo "CPU milliseconds per request of each proxy's process tree (utime+stime over a ${seconds} s wrk run"
  echo "per shape, 2 threads, 4 connections, every answer 200; benign requests; blocking mode; the"
  echo "backend excluded):"
  echo
  echo "$header | CRS ${v4#v} PL1 / ModSecurity | CRS ${v4#v} PL2 / ModSecurity | PL1, nothing kept / ModSecurity |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for shape in "${SHAPES[@]}"; do
    printf '| %s |' "${label[$shape]}"
    for name in "${TARGETS[@]}"; do printf ' %s |' "$(ms "${CPU[$name,$shape]}")"; done
    printf ' %s | %s | %s |\n' "$(ratio "${CPU[crs4-pl1,$shape]}" "${CPU[modsec,$shape]}")" \
      "$(ratio "${CPU[crs4-pl2,$shape]}" "${CPU[modsec,$shape]}")" \
      "$(ratio "${CPU[crs4-pl1-unkept,$shape]}" "${CPU[modsec,$shape]}")"
  done
  echo
  echo "Requests per second in the same runs (requests completed):"
  echo
  echo "$header |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for shape in "${SHAPES[@]}"; do
    printf '| %s |' "${label[$shape]}"
    for name in "${TARGETS[@]}"; do printf ' %s (%d) |' "$(ms "${RPS[$name,$shape]}")" "${COUNT[$name,$shape]}"; done
    echo
  done
  echo
  echo "CPU busy during each run, the whole machine ($(nproc) cores = $(($(nproc) * 100))%) / the proxy's tree:"
  echo
  echo "$header |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for shape in "${SHAPES[@]}"; do
    printf '| %s |' "${label[$shape]}"
    for name in "${TARGETS[@]}"; do printf ' %s |' "${BUSY[$name,$shape]}"; done
    echo
  done
  echo
  echo "## Setup"
  echo
  echo "- Machine: $(nproc) cores, shared by wrk, the proxy and the backend; load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "- nginx $(version_of nginx) + libmodsecurity3 $modsec_version + libnginx-mod-http-modsecurity $(version_of libnginx-mod-http-modsecurity) + modsecurity-crs $crs_deb: Debian's reference modsecurity.conf with SecRuleEngine On, paranoia level 1, inbound threshold 5, ${LOADED_BY[modsec]}; worker_processes auto, upstream keep-alive."
  echo "- Frontdesk $(basename "$JAR") on $("$JDK25/bin/java" -version 2>&1 | head -1 | tr -d '"'), -Xms512m -Xmx512m ${FRONTDESK_JVM_OPTIONS[*]}, \`frontdesk.waf.mode: on\`, CRS from $CRS3 ($v3 PL1: ${LOADED_BY[crs3-pl1]}) and $CRS4 ($v4 PL1: ${LOADED_BY[crs4-pl1]}; PL2: ${LOADED_BY[crs4-pl2]}; the last target with \`-Dfrontdesk.waf.recent-values=false\`, keeping nothing of the values it saw: each shape repeats its values request after request, which the others take up). Each target blocked \`?$ATTACK_QUERY\` with 403 before its runs (the WAF off let it through)."
  echo "- Backend: nginx, 1 worker, \`return 200\` (3 bytes, application/octet-stream) for every method and path, on 127.0.0.1:$P_BACK."
  echo "- Each target started alone, warmed with every shape for $warm s a round, round after round until its JIT compiler threads took under $SETTLED_PERCENT% of its CPU time in one (at most $warm_rounds rounds), then measured shape by shape for $seconds s, each run after it went idle; order: ${TARGETS[*]}. Up to 4 requests in flight at the end of a run are not counted."
  echo "- Warm-up: $(for name in "${TARGETS[@]}"; do printf '%s %s; ' "$name" "${WARMED[$name]:-none}"; done | sed 's/; $//')."
  echo "- Requests (in $STATE/requests): a browser's headers (Chrome 124 on Linux, cookies, \`Host: localhost\`); $(request_sizes)."
  echo
  echo "Rules that matched the benign requests without refusing them (count, id, variable, message):"
  echo
  for name in "${TARGETS[@]}"; do
    if [[ -n ${MATCHED[$name]} ]]; then
      echo "- $name:"
      while read -r line; do echo "  - $line"; done <<<"${MATCHED[$name]}"
    else
      echo "- $name: none"
    fi
  done
}

# request_sizes : what each request is, and its size
request_sizes() {
  local shape file body sep=""
  for shape in "${SHAPES[@]}"; do
    file=$STATE/requests/$shape.http
    body=$(sed -n 's/^Content-Length: \([0-9]*\)\r$/, a body of \1 bytes/p' "$file")
    printf '%s%s: %s%s, %s bytes in all' "$sep" "$shape" "$(sed -n '1s/ HTTP.*//p' "$file")" "$body" "$(stat -c %s "$file")"
    sep="; "
  done
}

# ---------------------------------------------------------------- the run

declare -A LOADED_BY
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
write_requests
write_wrk_script
start_backend
log "backend on $P_BACK; $seconds s per shape and target after warming in rounds of $warm s per shape"
for target in "${TARGETS[@]}"; do measure "$target"; done

mkdir -p "$ROOT/bench/results"
RESULT="$ROOT/bench/results/waf-cost-$(date +%F).md"
report | tee "$RESULT"
log "report written to $RESULT"
