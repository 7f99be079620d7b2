#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the browser tests (Playwright drives it; no browser
# download). Installs the package when it is missing. Usage: scripts/chromium-for-tests.sh
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
echo "installing chromium from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >&2
