#!/usr/bin/env bash
# Installs missing Debian packages, builds ticketq in release mode and runs its demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build -c release --product ticketq
exec .build/release/ticketq demo "$@"
