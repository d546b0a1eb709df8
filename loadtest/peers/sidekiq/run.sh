#!/usr/bin/env bash
# Sidekiq peer benchmark. Usage:
#   run.sh drain  --redis URL --jobs N [--processes 2] [--threads 10] --out FILE
#   run.sh steady --redis URL --rate R --duration SECONDS [--processes 2] [--threads 10] --out FILE
# URL is a Redis the caller started, e.g. redis://127.0.0.1:6390/0. Only Sidekiq's keys
# and ticketq-peer:* are deleted there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "sidekiq peer: $*" >&2; exit 1; }
usage() { sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }

scenario=${1:-}
[[ $scenario == drain || $scenario == steady ]] || usage
shift
redis="" jobs="" rate="" duration="" out="" processes=2 threads=10
while (($#)); do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --redis) redis=$2 ;;
    --jobs) jobs=$2 ;;
    --rate) rate=$2 ;;
    --duration) duration=$2 ;;
    --processes) processes=$2 ;;
    --threads) threads=$2 ;;
    --out) out=$2 ;;
    *) usage ;;
  esac
  shift 2
done
[[ -n $redis && -n $out ]] || usage
if [[ $scenario == drain ]]; then [[ -n $jobs ]] || usage; else [[ -n $rate && -n $duration ]] || usage; fi

command -v ruby >/dev/null || die "ruby not found (install the Debian package ruby-sidekiq)"
ruby -e 'require "sidekiq"' 2>/dev/null || die "ruby cannot load sidekiq (install the Debian package ruby-sidekiq)"
if command -v sidekiq >/dev/null; then
  sidekiq_cmd=(sidekiq)
elif bin=$(ruby -e 'print Gem.bin_path("sidekiq", "sidekiq")' 2>/dev/null); then
  sidekiq_cmd=(ruby "$bin")
else
  die "no sidekiq executable found"
fi

export REDIS_URL=$redis
bench() { ruby "$here/bench.rb" "$@"; }
# Long driver steps run in the background and are waited for, so that a TERM or INT sent
# to this script is handled at once (bash defers traps while a foreground child runs).
driver=""
run_driver() {
  ruby "$here/bench.rb" "$@" &
  driver=$!
  wait "$driver"
  driver=""
}

workdir=$(mktemp -d "${TMPDIR:-/tmp}/sidekiq-peer.XXXXXX")
pids=()

start_processes() {
  local i
  for ((i = 1; i <= processes; i++)); do
    "${sidekiq_cmd[@]}" -r "$here/jobs.rb" -c "$threads" -q default >"$workdir/sidekiq-$i.log" 2>&1 &
    pids+=($!)
  done
}

# TERM lets Sidekiq finish in-flight jobs and deregister; KILL whatever is left after 10 s.
stop_processes() {
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  local _ pid alive
  for _ in $(seq 100); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
}

cleanup() {
  local rc=$?
  [[ -z $driver ]] || kill "$driver" 2>/dev/null || true
  stop_processes
  if ((rc != 0)) && compgen -G "$workdir/*.log" >/dev/null; then
    for log in "$workdir"/*.log; do
      [[ -s $log ]] && { echo "--- tail of $log" >&2; tail -n 20 "$log" >&2; }
    done
    echo "sidekiq peer: failed; Sidekiq logs kept in $workdir" >&2
  else
    rm -rf "$workdir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT # run the EXIT trap on Ctrl-C or TERM too
trap 'exit 143' TERM

bench reset # also the Redis reachability check
common=(--processes "$processes" --threads "$threads" --out "$out")
if [[ $scenario == drain ]]; then
  # Jobs are queued first so the clock covers Sidekiq's start-up plus the drain only.
  # The driver must be polling before the processes start (they boot in a fraction of
  # a second), hence the ready/started file handshake in $workdir.
  run_driver enqueue --jobs "$jobs"
  ruby "$here/bench.rb" drain --jobs "$jobs" --sync-dir "$workdir" "${common[@]}" &
  driver=$!
  for _ in $(seq 300); do
    [[ -e $workdir/ready ]] && break
    kill -0 "$driver" 2>/dev/null || break
    sleep 0.1
  done
  [[ -e $workdir/ready ]] || die "the drain driver did not start"
  started_ms=$(date +%s%3N)
  start_processes
  echo "$started_ms ${pids[*]}" >"$workdir/started.tmp"
  mv "$workdir/started.tmp" "$workdir/started" # atomic: the driver never reads half a line
  wait "$driver"
  driver=""
else
  start_processes
  run_driver wait --processes "$processes" --pids "${pids[*]}"
  run_driver steady --rate "$rate" --duration "$duration" "${common[@]}"
fi
stop_processes
