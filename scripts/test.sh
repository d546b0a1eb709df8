#!/usr/bin/env bash
# The whole test suite: installs missing Debian packages, builds, runs every test, then checks
# that the release build and the benchmark package still build and run small.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build --build-tests
swift test --skip-build
swift build -c release --product ticketq
.build/release/ticketq policies >/dev/null
(cd Benchmarks && swift run -c release sla-bench --iterations 200000 --smoke)
