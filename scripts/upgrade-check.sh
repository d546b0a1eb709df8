#!/usr/bin/env bash
# Upgrade check: a deployment written by the previous release is taken over by this one.
#
#   scripts/upgrade-check.sh [--from COMMIT] [--binary PATH] [--previous-binary PATH] [--keep]
#
# The previous release (the pinned commit below, or --from) is checked out from this repository's
# history and built (--previous-binary: one built already). On a private redis-server it creates a
# deployment and leaves it as an upgrade finds one: dead letters, tickets retrying, tickets in the
# hands of a worker killed with -9 (some handled, their outcomes in its SQLite store), tickets
# queued and a quarantined email.
# Then this release (--binary, default the release build):
#   - refuses to run a worker before the upgrade (exit 78, naming `ticketq migrate`);
#   - migrates, twice (the second run changes nothing), moving the promotions into lists by
#     instant;
#   - shows the same lanes, dead letters and quarantine as the previous release did;
#   - drains everything with workers restarted under the same ids and stores, dead letters
#     requeued: every ticket ends with exactly one accepted outcome, none superseded by mistake.
# Exits 0 when all holds, 1 naming the first thing that did not. --keep leaves the scratch folder
# (stores, logs) for a look.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# The release before promotion lists (function library v3: ticket records, promotions in one
# sorted set). Earlier layouts go through the same `ticketq migrate`: the lane tests build them.
previous=44b5df7261f7e2560b6827c8ced4e1ddc2a36a27
binary="$root/.build/release/ticketq"
old=""
keep=0
while (($#)); do
  case $1 in
    --from) previous=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --previous-binary) old=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "upgrade-check.sh: unknown option $1 (use --from COMMIT, --binary PATH, --previous-binary PATH, --keep)" >&2; exit 64 ;;
  esac
done
for tool in git redis-server redis-cli python3 swift; do
  command -v "$tool" >/dev/null || { echo "upgrade-check.sh needs $tool" >&2; exit 69; }
done
[[ -x $binary ]] || { echo "upgrade-check.sh: no binary at $binary (build it: swift build -c release --product ticketq)" >&2; exit 69; }
git -C "$root" cat-file -e "$previous^{commit}" 2>/dev/null || {
  echo "upgrade-check.sh: commit $previous is not in this clone's history (a shallow clone? fetch it first)" >&2; exit 69; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/ticketq-upgrade.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if ((keep)); then echo "upgrade-check: kept $dir" >&2; else rm -rf "$dir"; fi
}
trap cleanup EXIT
fail() { echo "upgrade-check: FAILED: $*" >&2; exit 1; }
step() { echo "upgrade-check: $*"; }

if [[ -z $old ]]; then
  step "building the previous release ($previous)"
  mkdir "$dir/previous"
  git -C "$root" archive "$previous" | tar -x -C "$dir/previous"
  swift build --package-path "$dir/previous" --product ticketq >"$dir/previous-build.log" 2>&1 || {
    tail -20 "$dir/previous-build.log" >&2; fail "the previous release did not build"; }
  old="$(swift build --package-path "$dir/previous" --show-bin-path)/ticketq"
fi
new=$binary

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" --logfile "$dir/redis.log" &
pids+=("$!")
for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
export TICKETQ_REDIS_URL="redis://127.0.0.1:$port/0"
rcli() { redis-cli -p "$port" "$@"; }

tickets() { # prefix count → JSONL
  python3 - "$1" "$2" <<'PY'
import datetime, json, sys
prefix, count = sys.argv[1], int(sys.argv[2])
# Received now, so that they are not late: a late ticket's retries are not delayed.
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
for i in range(count):
    print(json.dumps({"id": f"{prefix}-{i}", "brand": "pandorana" if i % 2 else "mejurn",
                      "received_at": now, "subject": "Where is my order?",
                      "body": f"Order {prefix}-{i} has not moved for a week.", "category": "general"}))
PY
}
# Outcome rows in a worker's store (0 while it has none).
rows() {
  python3 - "$dir/$1.db" <<'PY'
import sqlite3, sys
try:
    print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5).execute("select count(*) from outcome").fetchone()[0])
except sqlite3.Error:
    print(0)
PY
}
# Waits until `redis-cli` $2… prints a number ≥ $1 (at most 60 s).
await_at_least() {
  local want=$1; shift
  for _ in $(seq 600); do
    (( $(rcli "$@") >= want )) && return 0
    sleep 0.1
  done
  fail "waited 60 s for $* to reach $want (it is $(rcli "$@"))"
}
start_worker() { # binary id handler extra… → pid in $worker_pid
  local bin=$1 id=$2 handler=$3; shift 3
  "$bin" worker --id "$id" --db "$dir/$id.db" --handler "$handler" --metrics-addr 127.0.0.1:0 --log-level warning "$@" \
    >>"$dir/$id.log" 2>&1 &
  worker_pid=$!
  pids+=("$worker_pid")
}

step "the previous release writes a deployment"
"$old" deployment init >/dev/null
tickets dead 20 >"$dir/dead.jsonl"
tickets retry 40 >"$dir/retry.jsonl"
tickets work 600 >"$dir/work.jsonl"
"$old" submit "$dir/dead.jsonl" >/dev/null
start_worker "$old" dead-maker simulate:fail=1 --max-deliveries 1
await_at_least 20 zcard '{ticketq}:dead'
kill -TERM "$worker_pid"; wait "$worker_pid" || true

"$old" submit "$dir/work.jsonl" >/dev/null
start_worker "$old" handler simulate:fixed=20ms --batch 64 --concurrency 8 --max-deliveries 1000
for _ in $(seq 600); do (( $(rows handler) >= 150 )) && break; sleep 0.1; done
kill -9 "$worker_pid"; wait "$worker_pid" 2>/dev/null || true

# Every delivery of this worker fails, so what it takes waits to be retried, running up
# deliveries; the workers after it allow many (--max-deliveries), so that they end done.
"$old" submit "$dir/retry.jsonl" >/dev/null
start_worker "$old" retrier simulate:fail=1 --max-deliveries 1000 --batch 4 --concurrency 1
await_at_least 10 zcard '{ticketq}:retry'
kill -9 "$worker_pid"; wait "$worker_pid" 2>/dev/null || true

printf 'This is not an email at all\n\n' >"$dir/stray.eml"
"$old" submit --format eml "$dir/stray.eml" >/dev/null 2>&1 || true
before_status=$("$old" status --json)
before_dlq=$("$old" dlq list | sort)
before_quarantine=$("$old" quarantine list | sort)
handled_before=$(rows handler)
((handled_before > 0)) || fail "the killed worker had handled nothing"
queued=$(( $(rcli zcard '{ticketq}:lane:standard') + $(rcli zcard '{ticketq}:lane:extended') + $(rcli zcard '{ticketq}:lane:same_business_day') ))
step "left: $(rcli zcard '{ticketq}:dead') dead, $(rcli zcard '{ticketq}:retry') retrying, $(rcli zcard '{ticketq}:inflight') in flight, $queued queued, $(rcli hlen '{ticketq}:quarantine') quarantined; $handled_before outcome rows in the killed worker's store"

step "this release refuses to work before the upgrade"
set +e
"$new" worker --id handler --db "$dir/handler.db" --metrics-addr 127.0.0.1:0 >"$dir/refused.log" 2>&1
refused=$?
set -e
((refused == 78)) || fail "a worker before 'ticketq migrate' exited $refused, not 78: $(tail -3 "$dir/refused.log")"
grep -q "ticketq migrate" "$dir/refused.log" || fail "the refusal does not name 'ticketq migrate': $(tail -3 "$dir/refused.log")"

step "migrate, twice"
"$new" migrate >"$dir/migrate-1.log" 2>&1 || fail "ticketq migrate failed: $(cat "$dir/migrate-1.log")"
"$new" migrate >"$dir/migrate-2.log" 2>&1 || fail "a second ticketq migrate failed: $(cat "$dir/migrate-2.log")"

grep -q "promotions moved into lists by instant" "$dir/migrate-1.log" \
  || fail "migrate did not move the promotions into lists: $(cat "$dir/migrate-1.log")"
grep -q "moved" "$dir/migrate-2.log" && fail "the second migrate moved something again: $(cat "$dir/migrate-2.log")"
(( $(rcli exists '{ticketq}:promote') == 0 )) || fail "the promotions' sorted set is still there"
(( $(rcli zcard '{ticketq}:promotions') > 0 )) || fail "no promotion instant after the move"
live=$(( $(rcli zcard '{ticketq}:lane:standard') + $(rcli zcard '{ticketq}:lane:extended') \
  + $(rcli zcard '{ticketq}:lane:same_business_day') + $(rcli zcard '{ticketq}:inflight') \
  + $(rcli zcard '{ticketq}:retry') + $(rcli zcard '{ticketq}:suspect') + $(rcli zcard '{ticketq}:dead') ))
(( $(rcli hlen '{ticketq}:ticket') == live )) || fail "$(rcli hlen '{ticketq}:ticket') ticket records for $live live tickets"

after_status=$("$new" status --json)
python3 - "$before_status" "$after_status" <<'PY' || fail "status differs after the upgrade"
import json, sys
before, after = (json.loads(text) for text in sys.argv[1:3])
def figures(status):
    lanes = {name: (lane["depth"], lane.get("retrying")) for name, lane in status["lanes"].items()}
    return lanes, status["in_flight"], status["dead_letter"], status["dedupe"]["entries"]
if figures(before) != figures(after):
    print(f"before: {figures(before)}\nafter:  {figures(after)}", file=sys.stderr)
    sys.exit(1)
PY
[[ $("$new" dlq list | sort) == "$before_dlq" ]] || fail "the dead letters differ after the upgrade"
[[ $("$new" quarantine list | sort) == "$before_quarantine" ]] || fail "the quarantine differs after the upgrade"
[[ -n $before_quarantine ]] || fail "the previous release quarantined nothing"

step "this release drains it"
"$new" dlq requeue --all >/dev/null
start_worker "$new" handler acknowledge --max-deliveries 1000
first=$worker_pid
start_worker "$new" retrier acknowledge --max-deliveries 1000
second=$worker_pid
for _ in $(seq 1200); do
  left=$(( $(rcli zcard '{ticketq}:lane:standard') + $(rcli zcard '{ticketq}:lane:extended') \
    + $(rcli zcard '{ticketq}:lane:same_business_day') + $(rcli zcard '{ticketq}:inflight') \
    + $(rcli zcard '{ticketq}:retry') + $(rcli zcard '{ticketq}:suspect') ))
  ((left == 0)) && break
  sleep 0.1
done
((left == 0)) || fail "$left tickets still outstanding after 120 s"
kill -TERM "$first" "$second"
wait "$first" "$second" || fail "a worker did not stop cleanly: $(tail -3 "$dir/handler.log" "$dir/retrier.log")"

python3 - "$dir" <<'PY' || fail "outcomes do not add up"
import json, sqlite3, sys, os
directory = sys.argv[1]
def ids(name):
    return [json.loads(line)["id"] for line in open(os.path.join(directory, name))]
expected = set(ids("work.jsonl")) | set(ids("retry.jsonl")) | set(ids("dead.jsonl"))
accepted, superseded, problems = {}, 0, []
for store in ("handler.db", "retrier.db"):
    for ticket, status in sqlite3.connect(os.path.join(directory, store)).execute("select ticket_id, status from outcome"):
        if status == "superseded":
            superseded += 1
        elif status == "done":
            accepted[ticket] = accepted.get(ticket, 0) + 1
        else:
            problems.append(f"{ticket} is {status}")
missing = expected - accepted.keys()
doubled = [ticket for ticket, count in accepted.items() if count > 1]
stray = accepted.keys() - expected
print(f"upgrade-check: {len(accepted)} tickets done once of {len(expected)}; {superseded} superseded deliveries")
for label, items in (("missing", missing), ("done twice", doubled), ("unexpected", stray), ("not done", problems)):
    if items:
        print(f"{label}: {len(items)}, e.g. {sorted(items)[:5]}", file=sys.stderr)
sys.exit(1 if missing or doubled or stray or problems else 0)
PY
step "passed"
