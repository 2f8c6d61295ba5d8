#!/bin/sh
# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline).
# Installs it through apt when missing; explains what to do where that is not possible.
set -e
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "Browser tests need Chromium at $CHROMIUM. Install it (Debian/Ubuntu: sudo apt-get install -y chromium)" >&2
echo "or point CHROMIUM_PATH at a Chromium/Chrome binary, then run npm test again." >&2
exit 1
