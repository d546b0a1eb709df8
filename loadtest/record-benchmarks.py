#!/usr/bin/env python3
"""Writes the load-harness section of BENCHMARKS.md from the summaries loadtest/bench.sh wrote.

usage: loadtest/record-benchmarks.py RESULTS_DIR BENCHMARKS.md"""
import json, pathlib, sys

results, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
BEGIN, END = "<!-- load-harness:begin -->", "<!-- load-harness:end -->"


def load(name):
    path = results / name / "summary.json"
    return json.loads(path.read_text()) if path.exists() else None


def command(name):
    path = results / name / "command"
    return path.read_text().strip() if path.exists() else "—"


def ms(value):
    return f"{value:.2f} ms"


rows = []
self_test = load("selftest")
if self_test:
    rows.append(("self-test: offered rate into Redis, no workers (scratch-list sink)", f"{self_test['offered_per_s']:,.0f}/s, lag p99 {ms(self_test['schedule_lag_p99_ms'])}", "≥ 200,000/s, lag p99 ≤ 1 ms", command("selftest")))
lanes_test = load("selftest-lanes")
if lanes_test:
    rows.append(("self-test through the lanes' submit script", f"{lanes_test['offered_per_s']:,.0f}/s offered, lag p99 {ms(lanes_test['schedule_lag_p99_ms'])}", "(Redis-bound)", command("selftest-lanes")))
drain = load("drain")
if drain:
    peer = drain.get("peer") or {}
    rows.append(("drain throughput (outcomes ÷ (last durable outcome − worker start))", f"{drain['throughput_per_s']:,.0f}/s", "≥ 100,000/s", command("drain")))
    if peer.get("drain_throughput_per_s"):
        rows.append((f"Sidekiq {peer['version']} drain, {peer['setup']}, same Redis, same run", f"{peer['drain_throughput_per_s']:,.0f}/s; ticketq ÷ Sidekiq = {peer['drain_ratio']:.2f}×", "", command("drain")))
steady = load("steady")
if steady:
    lanes = ", ".join(f"{lane} {ms(figures['p99_ms'])}" for lane, figures in sorted(steady["lanes"].items()))
    rows.append((f"steady at 50 % of capacity ({steady['capacity_per_s']:,.0f}/s measured): p99 per lane", lanes, "≤ 10 ms each", command("steady")))
    rows.append(("steady: offered, schedule lag p99", f"{steady['offered_per_s']:,.0f}/s, {ms(steady['schedule_lag_p99_ms'])}", "", command("steady")))
    peer = steady.get("peer") or {}
    if peer.get("steady_p99_ms") is not None:
        rows.append((f"Sidekiq steady at 50 % of its capacity ({peer['drain_throughput_per_s']:,.0f}/s)", f"p50 {ms(peer['steady_p50_ms'])}, p99 {ms(peer['steady_p99_ms'])} (intended push → job done; Sidekiq keeps no durable outcome)", "", command("steady")))
priority = load("priority")
if priority:
    urgent = priority["lanes"].get("same_business_day", {})
    rows.append(("urgent p99 while a 1,000,000-ticket standard backlog drains (urgent 100/s)", f"{ms(urgent.get('p99_ms', 0))} (p50 {ms(urgent.get('p50_ms', 0))}, {urgent.get('count', 0)} urgent)", "≤ 5 ms", command("priority")))
    rows.append(("priority: backlog drain rate, schedule lag p99", f"{priority['throughput_per_s']:,.0f}/s, {ms(priority['schedule_lag_p99_ms'])}", "", command("priority")))
peak = load("peak")
if peak:
    lanes = ", ".join(f"{lane} {ms(figures['p99_ms'])}" for lane, figures in sorted(peak["lanes"].items()))
    rows.append((f"Black Friday at 500× ({peak['sent']:,} tickets, offered {peak['offered_per_s']:,.0f}/s): p99 per lane", lanes, "", command("peak")))
kills = load("kills")
if kills:
    rows.append(("worker SIGKILL every second during a 300,000-ticket drain", f"{kills['kills']} kills: lost {kills['lost']}, duplicates {kills['duplicates']}, duplicate executions {kills['duplicate_executions']} (bound {kills.get('duplicate_executions_bound')})", "0 lost, 0 duplicates", command("kills")))


def faults(summary):
    counts = {}
    for fault in summary.get("faults") or []:
        counts[fault["kind"]] = counts.get(fault["kind"], 0) + 1
    return ", ".join(f"{kind} ×{count}" for kind, count in sorted(counts.items()))


def recovery(summary):
    values = [f["recovery_s"] for f in summary.get("faults") or [] if f.get("recovery_s") is not None]
    return f"recovery max {max(values):.1f} s" if values else "recovery —"


def redelivery(summary):
    p99 = summary.get("redelivery_p99_s")
    return f"redelivery p99 {p99:.1f} s (bound {summary.get('redelivery_bound_s', 0):.0f} s, {summary.get('redelivered', 0)} redelivered)" if p99 is not None else "nothing redelivered"


chaos = load("chaos")
if chaos:
    rows.append((f"chaos: {chaos['sent']:,} tickets drained under {faults(chaos)}", f"lost {chaos['lost']}, duplicates {chaos['duplicates']}, {redelivery(chaos)}, {recovery(chaos)}, throughput {chaos['throughput_per_s']:,.0f}/s", "0 lost, 0 duplicates, redelivery p99 ≤ lease + 5 s", command("chaos")))
chaos_steady = load("chaos-steady")
reference = load("steady-5m")
if chaos_steady:
    untouched = chaos_steady.get("untouched_p99_ms")
    ratio = ""
    if reference and untouched is not None and reference["all_lanes"]["p99_ms"] > 0:
        ratio = f"; ÷ fault-free p99 {ms(reference['all_lanes']['p99_ms'])} = {untouched / reference['all_lanes']['p99_ms']:.2f}×"
    rows.append((f"chaos at 50 % of capacity for 5 minutes under {faults(chaos_steady)}", f"lost {chaos_steady['lost']}, duplicates {chaos_steady['duplicates']}, {redelivery(chaos_steady)}; p99 of tickets delivered once {ms(untouched or 0)}{ratio}", "0 lost, 0 duplicates, untouched p99 ≤ 2× fault-free", command("chaos-steady")))

meta = (drain or steady or self_test or {}).get("metadata", {})
lines = [
    BEGIN,
    "## Load harness (issue #6)",
    "",
    f"Written by `loadtest/bench.sh` on {meta.get('started_at', '?')[:10]} ({meta.get('machine', '?')}, {meta.get('cpus', '?')} cores, "
    f"Redis {meta.get('redis_version', '?')}), release build, default worker flags (durability FULL), two workers. "
    "Response times run from each ticket's intended arrival to the first read that sees its outcome committed "
    "(open loop); every scenario's full summary, time series and report are in the results directory.",
    "",
    "| measure | result | target | command |",
    "|---|---|---|---|",
]
for measure, result, goal, cmd in rows:
    lines.append(f"| {measure} | {result} | {goal} | `{cmd}` |")
failures = [(name, s["failures"]) for name, s in [(n, load(n)) for n in ["selftest", "drain", "steady", "priority", "peak", "kills"]] if s and s["failures"]]
if failures:
    lines += ["", "Runs that did not pass, and why:", ""]
    for name, reasons in failures:
        lines.append(f"- {name}: " + "; ".join(reasons))
lines.append(END)
section = "\n".join(lines)

text = target.read_text()
if BEGIN in text:
    text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END):]
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
target.write_text(text)
