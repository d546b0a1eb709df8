#!/usr/bin/env bash
# HTTP intake throughput with wrk: single-ticket POST /tickets and one 1 KB plain email per
# POST /inbound/email, each against a fresh private redis-server (`ticketq deployment init`) and
# `ticketq intake` from the release build, all on loopback.
#
#   loadtest/wrk/run.sh                      both scenarios, 32 keep-alive connections, 20 s each
#   loadtest/wrk/run.sh tickets              one scenario (tickets | email)
#   DURATION=10 CONNECTIONS=32 THREADS=2 BIN=path/to/ticketq INTAKE_ARGS="--redis-connections 2" loadtest/wrk/run.sh
#
# Prints wrk's summary and latency percentiles, then the intake's own counts of accepted tickets,
# answers by status and submit batches, read from its /metrics; exits 1 when any request was
# answered other than 202.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=loadtest/wrk
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
scenarios=("$@")
((${#scenarios[@]})) || scenarios=(tickets email)

for tool in wrk redis-server python3 curl; do
  command -v "$tool" >/dev/null || { echo "run.sh needs $tool" >&2; exit 1; }
done
if [[ -z ${BIN:-} ]]; then
  swift build -c release --product ticketq >/dev/null
  BIN="$(swift build -c release --show-bin-path)/ticketq"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ticketq-wrk.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export TOKEN
echo "$TOKEN" >"$work/tokens"

wait_for() {  # wait_for URL: until it answers 200, at most 30 s
  for _ in $(seq 300); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "run.sh: $1 did not come up; intake log:" >&2
  cat "$work"/intake-*.log >&2
  exit 1
}

run_scenario() {
  local name=$1 script path
  case $name in
    tickets) script=$here/tickets.lua path=/tickets ;;
    email) script=$here/email.lua path=/inbound/email ;;
    *) echo "run.sh: unknown scenario $name (tickets | email)" >&2; exit 2 ;;
  esac
  local redis_port intake_port dir=$work/$name
  mkdir -p "$dir"
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly yes --appendfsync everysec \
    --maxmemory-policy noeviction --daemonize no >"$dir/redis.log" 2>&1 &
  pids+=($!)
  local url=redis://127.0.0.1:$redis_port/0
  for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  "$BIN" deployment init --redis "$url" >/dev/null
  intake_port=$(free_port)
  # shellcheck disable=SC2086
  "$BIN" intake --redis "$url" --listen "127.0.0.1:$intake_port" --token-file "$work/tokens" ${INTAKE_ARGS:-} \
    >"$work/intake-$name.log" 2>&1 &
  local intake=$!
  pids+=($intake)
  wait_for "http://127.0.0.1:$intake_port/readyz"
  echo "== $name: wrk -t$threads -c$connections -d${duration}s --latency -s $script http://127.0.0.1:$intake_port$path"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$script" "http://127.0.0.1:$intake_port$path"
  echo "-- intake counts:"
  local metrics
  metrics=$(curl -s "http://127.0.0.1:$intake_port/metrics")
  grep -E '^ticketq_intake_(tickets_total|requests_total\{endpoint="'"$path"'"|submit_batches_total|batched_requests_total)' <<<"$metrics" || true
  # Every request must have been answered 202: a run that measured refusals is no measurement.
  local other
  other=$(grep -E '^ticketq_intake_requests_total\{endpoint="'"$path"'",code="[0-9]+"\}' <<<"$metrics" | grep -v 'code="202"' | awk '{s += $2} END {print s + 0}')
  if [[ $other != 0 ]]; then
    echo "run.sh: $other requests to $path were not answered 202; intake log:" >&2
    tail -20 "$work/intake-$name.log" >&2
    failed=1
  fi
  kill "$intake" 2>/dev/null || true
  wait "$intake" 2>/dev/null || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}

failed=0
for name in "${scenarios[@]}"; do run_scenario "$name"; done
exit "$failed"
