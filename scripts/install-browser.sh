#!/usr/bin/env bash
# Install what the dashboard's browser tests need: Debian's chromium (apt) and the
# Playwright Python driver (pip, into the project venv). Idempotent. Playwright's own
# browser download (`playwright install`) is never used: the tests drive /usr/bin/chromium.
set -euo pipefail

PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.2}"
VENV="${VENV:-.venv}"

if [ -x /usr/bin/chromium ]; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
else
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi

if "$VENV/bin/python" -c "import playwright" 2>/dev/null; then
    echo "playwright: $("$VENV/bin/python" -m pip show playwright 2>/dev/null | sed -n 's/^Version: //p')"
else
    "$VENV/bin/python" -m pip install -q "playwright==${PLAYWRIGHT_VERSION}"
fi
