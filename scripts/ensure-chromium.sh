#!/bin/sh
# Browser tests drive Debian's chromium through Playwright; never `playwright install`.
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "Browser tests need Debian's chromium: run 'sudo apt-get install chromium'." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..."
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
