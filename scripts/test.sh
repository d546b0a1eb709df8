#!/usr/bin/env bash
# The whole test suite: installs missing Debian packages, builds, runs every test, then checks
# that the release build works end to end (a small demo cluster, an upgrade of a deployment the
# previous release wrote, every load scenario and the Sidekiq peer at 20,000 tickets or fewer) and
# that the benchmark package builds and runs small.
# Full-size benchmarks run outside CI (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build --build-tests
# The suites that start servers and worker processes run one test at a time: on a 2-core machine
# several of them at once starve each other (and the test process's own threads) for seconds,
# which is not what they test. Everything else runs in parallel.
cluster_suites='TicketQWorkerTests|TicketQOpsTests|TicketQLoadTests'
swift test --skip-build --skip "$cluster_suites"
swift test --skip-build --no-parallel --filter "$cluster_suites"
swift build -c release --product ticketq
.build/release/ticketq policies >/dev/null
.build/release/ticketq demo --tickets 2000 --workers 2 --timeout 120
scripts/upgrade-check.sh
loadtest/bench.sh --smoke
(cd Benchmarks && swift run -c release sla-bench --iterations 200000 --smoke && swift run -c release triage-bench --data ../data/bitext-customer-support-utterances.csv --smoke)
