# bench/lib.sh - helpers shared by the bench scripts: logging, stopping what they started,
# installing Debian packages, refusing busy ports. Sourced, not run.

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

# require_free_ports PORT... : stops the script when one is taken
require_free_ports() {
  local p
  for p in "$@"; do
    ss -Hltn "sport = :$p" | grep -q . && die "port $p is already in use"
  done
  return 0
}

# route_to_bench_pool : prints the route block that sends every path to the pool "bench"
route_to_bench_pool() {
  cat <<'YML'
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
}

# start_frontdesk JAR CONFIG OUT : runs the jar on JDK 25 (-Xmx512m) with CONFIG, output to OUT
start_frontdesk() {
  "$JDK25/bin/java" -Xmx512m -jar "$1" --spring.config.additional-location="file:$2" >"$3" 2>&1 &
  PIDS+=($!)
}
