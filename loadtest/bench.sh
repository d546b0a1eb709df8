#!/usr/bin/env bash
# Runs every load scenario with the release build and records the results.
#
#   loadtest/bench.sh           full size; rewrites the load-harness section of BENCHMARKS.md
#   loadtest/bench.sh --smoke   every scenario and the Sidekiq peer at 20,000 tickets or fewer,
#                               and the chaos scenario with every fault kind (what CI runs);
#                               BENCHMARKS.md is left alone
#
# Results (summary.json, timeseries.jsonl, report.html per scenario) go to $OUT
# (default: loadtest-results/ or a temporary directory for --smoke).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
[[ ${1:-} == --smoke ]] && mode=smoke
command -v python3 >/dev/null || { echo "bench.sh needs python3 to read the summaries" >&2; exit 1; }

swift build -c release --product ticketq >/dev/null
swift build -c release --product ticketq-load >/dev/null
bin=$(swift build -c release --show-bin-path)
load="$bin/ticketq-load"
if [[ $mode == smoke ]]; then out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/ticketq-load-smoke.XXXXXX")}; else out=${OUT:-loadtest-results}; fi
mkdir -p "$out"
checks=(--threshold 'lost==0' --threshold 'duplicates==0' --quiet)

# Runs one scenario into $out/NAME. Exit 0 (passed) and 1 (a run that completed but did not
# pass, e.g. "harness overloaded" on a busy machine) are recorded; anything else stops the
# script: 99 means a ticket was lost or duplicated, 2 bad input.
scenario() {
  local name=$1
  shift
  echo "== $name: ticketq-load $*" >&2
  local status=0
  "$load" "$@" --out "$out/$name" "${checks[@]}" >"$out/$name.txt" 2>&1 || status=$?
  cat "$out/$name.txt" >&2
  if ((status != 0 && status != 1)); then
    echo "bench.sh: $name exited with $status" >&2
    exit "$status"
  fi
  echo "ticketq-load $*" >"$out/$name/command"
}

if [[ $mode == smoke ]]; then
  scenario selftest run selftest --rate 20000 --duration 1s
  scenario drain run drain --tickets 20000 --peer sidekiq
  scenario steady run steady --capacity-tickets 20000 --fraction 0.2 --duration 1s --peer sidekiq
  scenario priority run priority --backlog 20000 --urgent-rate 200
  scenario peak run peak --speed 200 --duration 10m --peak-rate 20
  scenario kills run drain --tickets 20000 --kill-worker-every 500ms --worker-concurrency 64 --worker-handler simulate:fixed=5ms --worker-lease 1
  scenario chaos run chaos --tickets 20000 --worker-lease 2 --worker-concurrency 64 --worker-handler simulate:fixed=5ms \
    --kill-worker-every 4s --stop-worker-every 5s --partition-worker-every 6s --drop-replies-every 3s \
    --kill-redis-every 7s --stall-redis-every 8s
  "$load" generate --profile working-day --duration 20s --peak-rate 300 --out "$out/trace.jsonl" >&2
  scenario replay replay "$out/trace.jsonl" --speed 4
  echo "== HTTP intake: loadtest/wrk/run.sh (2 s per scenario)" >&2
  DURATION=2 BIN="$bin/ticketq" loadtest/wrk/run.sh >"$out/wrk.txt" 2>&1 || { cat "$out/wrk.txt" >&2; exit 1; }
  echo "== Redis cost per ticket: loadtest/redis-cost.sh --tickets 5000" >&2
  loadtest/redis-cost.sh --tickets 5000 >&2
  cat "$out/wrk.txt" >&2
  echo "smoke results in $out" >&2
  exit 0
fi

scenario selftest run selftest --rate 200000 --duration 2s
scenario selftest-lanes run selftest --rate 100000 --duration 2s --sink lanes
scenario drain run drain --tickets 300000 --peer sidekiq
scenario steady run steady --fraction 0.5 --duration 30s --peer sidekiq
scenario priority run priority --backlog 1000000 --urgent-rate 100
scenario peak run peak --speed 500
scenario kills run drain --tickets 300000 --kill-worker-every 1s
faults=(--kill-worker-every 10s --stop-worker-every 20s --partition-worker-every 30s --kill-redis-every 60s)
scenario chaos run chaos --tickets 1000000 "${faults[@]}"
scenario steady-5m run steady --fraction 0.5 --duration 5m
scenario chaos-steady run chaos --fraction 0.5 --duration 5m "${faults[@]}"
python3 loadtest/record-benchmarks.py "$out" BENCHMARKS.md
echo "results in $out; BENCHMARKS.md updated" >&2
