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
