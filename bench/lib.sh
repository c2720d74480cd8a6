# shellcheck shell=bash
# bench/lib.sh - helpers shared by the bench scripts: logging, stopping what they started,
# installing Debian packages, refusing busy ports, running nginx and Frontdesk, measuring CPU time,
# formatting reports. Sourced, not run.

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

# Every process a script starts goes in PIDS; on exit each gets TERM, then KILL after 10 s.
PIDS=()
stop_started() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap stop_started EXIT

# require_commands PACKAGES -- COMMANDS... : installs PACKAGES when any command is missing
require_commands() {
  local packages=() cmd
  while [[ $1 != -- ]]; do packages+=("$1"); shift; done
  shift
  for cmd in "$@"; do
    if ! command -v "$cmd" >/dev/null; then
      apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null
      return
    fi
  done
}

# require_packages PACKAGE... : installs the Debian packages not installed yet, without letting
# their install scripts start system services
require_packages() {
  local missing=() p created=no rc=0
  for p in "$@"; do
    [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    created=yes
  fi
  log "installing ${missing[*]}"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || rc=$?
  if [[ $created == yes ]]; then rm -f /usr/sbin/policy-rc.d; fi
  ((rc == 0)) || die "could not install ${missing[*]}"
}

# require_free_ports PORT... : stops the script when one is taken
require_free_ports() {
  local p
  for p in "$@"; do
    ss -Hltn "sport = :$p" | grep -q . && die "port $p is already in use"
  done
  return 0
}

# bench_config PORT MGMT [FILTER] : prints Frontdesk's settings for a bench: plain HTTP on PORT,
# management on MGMT, the demo off, the pool "bench" round-robin over BENCH_BACKENDS (URLs,
# anchors.sh's backends unless set) and a route sending every path to it, with the route filter
# FILTER when one is given. Scripts append their own frontdesk.* settings under the "frontdesk:"
# key this leaves open last.
BENCH_BACKENDS=${BENCH_BACKENDS:-"http://127.0.0.1:9101 http://127.0.0.1:9102"}
bench_config() {
  cat <<YML
server:
  port: $1
  address: 127.0.0.1
  ssl:
    enabled: false
management:
  server:
    port: $2
    address: 127.0.0.1
spring:
  cloud:
    gateway:
      server:
        webflux:
          routes:
            - id: bench
              uri: lb://bench
              predicates:
                - Path=/**
YML
  if [[ -n ${3:-} ]]; then
    printf '              filters:\n                - %s\n' "$3"
  fi
  cat <<YML
frontdesk:
  demo:
    enabled: false
  pools:
    bench:
      algorithm: round-robin
      backends:
YML
  local url
  for url in $BENCH_BACKENDS; do printf '        - url: %s\n' "$url"; done
}

# crs_waf_config CRS_DIR AUDIT_LOG [PARANOIA] : prints the frontdesk.waf settings (indented under
# "frontdesk:") that run CRS_DIR at paranoia level PARANOIA (1 unless given) in blocking mode,
# auditing to AUDIT_LOG
crs_waf_config() {
  cat <<YML
  waf:
    mode: "on"
    crs:
      directory: $(cd "$1" && pwd)
    paranoia-level: ${3:-1}
    audit:
      path: $2
YML
}

# The JVM option of the container image's that bears on speed: Netty's direct buffers through
# sun.misc.Unsafe (see the Dockerfile's ENTRYPOINT).
FRONTDESK_JVM_OPTIONS=(--sun-misc-unsafe-memory-access=allow)

# start_frontdesk JAR CONFIG OUT [JVM_OPTION...] : runs the jar on JDK 25 (-Xms512m -Xmx512m, the
# image's FRONTDESK_JVM_OPTIONS and the options given) with CONFIG, output to OUT
start_frontdesk() {
  "$JDK25/bin/java" -Xms512m -Xmx512m "${FRONTDESK_JVM_OPTIONS[@]}" "${@:4}" -jar "$1" \
    --spring.config.additional-location="file:$2" >"$3" 2>&1 &
  PIDS+=($!)
}

# stop_one PID : stops one process this script started (TERM, then KILL after 10 s) and takes it
# out of PIDS
stop_one() {
  local kept=() pid
  for pid in "${PIDS[@]}"; do [[ $pid == "$1" ]] || kept+=("$pid"); done
  PIDS=("${kept[@]}")
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# frontdesk_jar ROOT BUILD : builds the jar when BUILD is "yes", then prints its path
frontdesk_jar() {
  if [[ $2 == yes ]]; then
    log "building the jar"
    (cd "$1" && ./mvnw -q -B -DskipTests package)
  fi
  local jar
  for jar in "$1"/target/frontdesk-*.jar; do
    [[ $jar == *plain* || ! -f $jar ]] || { echo "$jar"; return; }
  done
  die "no jar in $1/target (run without --no-build)"
}

# given_or_built_jar ROOT BUILD JAR : JAR when one is given (it must exist), else frontdesk_jar's
given_or_built_jar() {
  if [[ -n $3 ]]; then
    [[ -f $3 ]] || die "no jar at $3"
    echo "$3"
  else
    frontdesk_jar "$1" "$2"
  fi
}

# require_vanilla_gateway JAR : stops the script when anchors.sh has not built the vanilla gateway
require_vanilla_gateway() {
  [[ -f $1 ]] || die "no vanilla gateway at $1 (run ../shared/bench/anchors.sh --only scg once to build it)"
}

# await_frontdesk MGMT_PORT PID OUT : waits (60 s at most) until its health answers
await_frontdesk() {
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$1/actuator/health" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || die "Frontdesk exited (see $3)"
    sleep 0.5
  done
  die "Frontdesk did not become healthy (see $3)"
}

# start_stand_in_backends DIR : an nginx serving DIR/www/1k.bin and 100k.bin on 9101 and 9102, as
# anchors.sh's backends will, so proxies can be started and warmed before anchors.sh runs. Sets
# STAND_IN_PID; stop it with stop_stand_in_backends before anchors.sh takes the ports.
start_stand_in_backends() {
  local dir=$1
  mkdir -p "$dir/www" "$dir/warm"
  head -c 1024 /dev/urandom >"$dir/www/1k.bin"
  head -c 102400 /dev/urandom >"$dir/www/100k.bin"
  cat >"$dir/warm/nginx.conf" <<CONF
worker_processes 1;
pid $dir/warm/nginx.pid;
error_log $dir/warm/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/warm; proxy_temp_path $dir/warm; fastcgi_temp_path $dir/warm;
  uwsgi_temp_path $dir/warm; scgi_temp_path $dir/warm;
  server { listen 127.0.0.1:9101; root $dir/www; }
  server { listen 127.0.0.1:9102; root $dir/www; }
}
CONF
  nginx -c "$dir/warm/nginx.conf" &
  STAND_IN_PID=$!
  PIDS+=("$STAND_IN_PID")
  for _ in $(seq 1 40); do curl -fs -o /dev/null http://127.0.0.1:9101/1k.bin && return 0; sleep 0.25; done
  die "stand-in backends did not start (see $dir/warm/error.log)"
}

stop_stand_in_backends() {
  kill -TERM "$STAND_IN_PID"
  wait "$STAND_IN_PID" 2>/dev/null || true
}

# await_answer NAME PID URL LOG [SECONDS] : waits (10 s unless told) until URL answers 2xx, dying
# if PID exits first
await_answer() {
  for _ in $(seq 1 $((${5:-10} * 10))); do
    curl -fs -o /dev/null "$3" && return 0
    kill -0 "$2" 2>/dev/null || die "$1 exited (see $4)"
    sleep 0.1
  done
  die "$1 does not answer at $3"
}

# nginx_conf NAME MAIN HTTP : writes STATE/NAME/nginx.conf (foreground, no access log) with the
# directives MAIN and the http block's contents HTTP; STATE is the calling script's directory
nginx_conf() {
  local dir=$STATE/$1
  mkdir -p "$dir/tmp"
  chmod 1777 "$dir/tmp"   # workers run as nobody
  cat >"$dir/nginx.conf" <<CONF
$2
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log info;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/octet-stream;
  keepalive_requests 1000000;
  client_body_buffer_size 128k;   # bodies stay in memory
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
$3
}
CONF
}

# start_nginx NAME PORT : tests STATE/NAME/nginx.conf, runs it, waits until PORT answers; sets PID
start_nginx() {
  local conf=$STATE/$1/nginx.conf
  nginx -t -c "$conf" >"$STATE/$1/test.out" 2>&1 || die "nginx $1: bad configuration (see $STATE/$1/test.out)"
  nginx -c "$conf" >"$STATE/$1/nginx.out" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 1 120); do
    curl -s -o /dev/null -H 'Host: localhost' "http://127.0.0.1:$2/" && return 0
    kill -0 "$PID" 2>/dev/null || die "nginx $1 exited (see $STATE/$1/error.log)"
    sleep 0.5
  done
  die "nginx $1 does not answer on $2"
}

# Measuring CPU time: clock ticks per second, as /proc counts them
CLK_TCK=$(getconf CLK_TCK)

# tree_ticks PID : utime+stime of PID and all its descendants, in clock ticks
tree_ticks() {
  local pids=("$1") i=0 total=0 pid stat fields children
  while ((i < ${#pids[@]})); do
    mapfile -t children < <(pgrep -P "${pids[i]}" || true)
    pids+=("${children[@]}")
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do
    stat=$(<"/proc/$pid/stat") || continue
    read -ra fields <<<"${stat##*) }"   # fields from the third (state) on
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# await_idle PID : waits (60 s at most) until PID's tree has used at most 2 % of a core over half a
# second, so that requests of an earlier run still being processed are not counted in the next
await_idle() {
  local last now
  last=$(tree_ticks "$1")
  for _ in $(seq 1 120); do
    sleep 0.5
    now=$(tree_ticks "$1")
    ((now - last > CLK_TCK / 100)) || return 0
    last=$now
  done
  log "pid $1 did not go idle within 60 s"
}

# busy_ticks : CPU ticks the whole machine has spent busy since boot
busy_ticks() {
  local user nice system irq softirq steal
  read -r _ user nice system _ _ irq softirq steal _ </proc/stat
  echo $((user + nice + system + irq + softirq + steal))
}

# ms X : X with three significant digits
ms() { awk -v x="$1" 'BEGIN { if (x >= 100) printf "%.0f", x; else if (x >= 10) printf "%.1f", x; else printf "%.2f", x }'; }

# quoted ARG... : the arguments as a shell would take them back, each after a space
quoted() {
  local arg q="'\\''"
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./:=@+-]+$ ]]; then printf ' %s' "$arg"; else printf " '%s'" "${arg//\'/$q}"; fi
  done
}

# version_of PACKAGE : the installed version of a Debian package, or ?
version_of() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
