#!/usr/bin/env bash
# What Redis itself spends per ticket, on a private redis-server: CPU per submitted ticket and per
# drained ticket (claim, fetch, ack, renew: redis-server's user + system time from /proc ÷ tickets),
# memory per queued ticket (used_memory before and after the submit ÷ tickets), the submit and
# drain rates around them, and the workers' own CPU per drained ticket (from start to drained).
#
#   loadtest/redis-cost.sh [--tickets N] [--workers W] [--body-bytes B] [--partitions P] [--json] [--commandstats]
#
# Defaults: 300,000 tickets, 2 workers (durability FULL, the acknowledge handler), 500-byte bodies,
# a deployment of 1 partition (`ticketq deployment init --partitions P`).
# Tickets are submitted by one `ticketq submit` process. The release build is used (built if
# missing). Prints one table; `--json` prints the same figures as one JSON object;
# `--commandstats` adds Redis's INFO commandstats of the drain (where its time went, by command,
# commands run inside functions included).
set -euo pipefail
cd "$(dirname "$0")/.."
tickets=300000 workers=2 body=500 partitions=1 json=0 stats=0
while (($#)); do
  case $1 in
    --tickets) tickets=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --body-bytes) body=$2; shift 2 ;;
    --partitions) partitions=$2; shift 2 ;;
    --json) json=1; shift ;;
    --commandstats) stats=1; shift ;;
    *) echo "redis-cost.sh: unknown option $1 (use --tickets N, --workers W, --body-bytes B, --partitions P, --json, --commandstats)" >&2; exit 64 ;;
  esac
done
for tool in redis-server redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "redis-cost.sh needs $tool" >&2; exit 69; }
done
swift build -c release --product ticketq >/dev/null
ticketq="$(swift build -c release --show-bin-path)/ticketq"

dir=$(mktemp -d "${TMPDIR:-/tmp}/ticketq-redis-cost.XXXXXX")
pids=() workers_pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# No persistence (what Redis spends on the lanes, not on its disk); the shipped listpack limit.
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --hash-max-listpack-entries 128 --dir "$dir" --logfile "$dir/redis.log" &
redis_pid=$!
pids+=("$redis_pid")
for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
export TICKETQ_REDIS_URL="redis://127.0.0.1:$port/0"

cpu() { # the user + system time of processes (default redis-server), in microseconds
  python3 - "${@:-$redis_pid}" <<'PY'
import os, sys
total = 0
for pid in sys.argv[1:]:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    total += int(fields[11]) + int(fields[12])
print(int(total * 1_000_000 / os.sysconf("SC_CLK_TCK")))
PY
}
memory() { redis-cli -p "$port" info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p'; }
now() { python3 -c 'import time; print(time.monotonic())'; }
tags=("{ticketq}")
((partitions > 1)) && tags=($(for k in $(seq 0 $((partitions - 1))); do echo "{ticketq:p$k}"; done))
count_keys() { # the summed ZCARD of the named keys (e.g. lane:standard) in every partition
  for tag in "${tags[@]}"; do for name in "$@"; do echo "zcard $tag:$name"; done; done | redis-cli -p "$port" | awk '{ s += $1 } END { print s + 0 }'
}

"$ticketq" deployment init --partitions "$partitions" >/dev/null
python3 - "$tickets" "$body" >"$dir/tickets.jsonl" <<'PY'
import datetime, json, sys
count, size = int(sys.argv[1]), int(sys.argv[2])
# Received now: no ticket is late and no promotion instant has passed, so the drain measures
# claims and acks (tickets received days ago would be promoted during it).
received = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
filler = ("Hello, I ordered a pair of earrings last week and the tracking page has not moved since. " * 20)
for i in range(count):
    print(json.dumps({"id": f"cost-{i}", "brand": "pandorana" if i % 2 else "mejurn",
                      "received_at": received, "subject": "Where is my order?",
                      "body": filler[:size], "category": "general"}))
PY

mem0=$(memory) cpu0=$(cpu) t0=$(now)
"$ticketq" submit "$dir/tickets.jsonl" >/dev/null
t1=$(now) cpu1=$(cpu) mem1=$(memory)
queued=$(count_keys lane:standard)
redis-cli -p "$port" config resetstat >/dev/null
for i in $(seq "$workers"); do
  "$ticketq" worker --db "$dir/w$i.db" --id "cost-$i" --metrics-addr 127.0.0.1:0 --log-level error 2>"$dir/w$i.log" &
  pids+=("$!")
  workers_pids+=("$!")
done
while :; do
  left=$(count_keys lane:standard lane:extended lane:same_business_day inflight)
  ((left == 0)) && break
  sleep 0.05
done
t2=$(now) cpu2=$(cpu) wcpu=$(cpu "${workers_pids[@]}")
if ((stats)); then
  echo "INFO commandstats of the drain (usec per command, calls inside functions included):"
  redis-cli -p "$port" info commandstats | grep '^cmdstat' | sed 's/^cmdstat_//' | sort -t= -k3 -n -r | head -25
fi

python3 - "$tickets" "$queued" "$mem0" "$mem1" "$cpu0" "$cpu1" "$cpu2" "$t0" "$t1" "$t2" "$workers" "$body" "$json" "$wcpu" "$partitions" <<'PY'
import json, sys
n, queued, mem0, mem1, cpu0, cpu1, cpu2 = (int(v) for v in sys.argv[1:8])
t0, t1, t2 = (float(v) for v in sys.argv[8:11])
workers, body, as_json, workers_cpu, partitions = int(sys.argv[11]), int(sys.argv[12]), sys.argv[13] == "1", int(sys.argv[14]), int(sys.argv[15])
figures = {
    "tickets": n, "workers": workers, "body_bytes": body, "partitions": partitions,
    "redis_cpu_us_per_submitted": round((cpu1 - cpu0) / n, 2),
    "redis_cpu_us_per_drained": round((cpu2 - cpu1) / n, 2),
    "redis_bytes_per_queued": round((mem1 - mem0) / max(queued, 1)),
    "submit_per_second": round(n / (t1 - t0)),
    "drain_per_second": round(n / (t2 - t1)),
    "workers_cpu_us_per_drained": round(workers_cpu / n, 2),
}
if as_json:
    print(json.dumps(figures))
else:
    print(f"{n} tickets of {body}-byte bodies, {workers} workers (durability FULL), {partitions} partition(s)")
    for key, value in figures.items():
        if key not in ("tickets", "workers", "body_bytes", "partitions"):
            print(f"  {key:28} {value}")
PY
