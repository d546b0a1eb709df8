#!/usr/bin/env bash
# Installs the Debian packages ticketq builds and tests against, when any is missing.
# Safe to run repeatedly; needs root (or sudo) only when something must be installed.
set -euo pipefail
packages=(libhiredis-dev libsqlite3-dev redis-server tzdata pkg-config prometheus supervisor systemd chromium ruby-sidekiq stunnel4 openssl faketime wrk)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# honcho (the Procfile runner the ops tests run the shipped Procfile with) is not packaged by
# Debian; it comes from PyPI.
if ! command -v honcho >/dev/null; then
  echo "installing: honcho (PyPI)"
  python3 -m pip install --quiet --disable-pip-version-check honcho==2.0.0
fi
# redis-server from Debian starts a system service on install; ticketq's tests and demo start
# their own private servers and never use it.
command -v swift >/dev/null || { echo "swift is not on PATH; install Swift 6.1 or later first" >&2; exit 1; }
