#!/usr/bin/env bash
# The browser tests' own dependencies (tests/browser): Node.js with npm, and
# playwright-core at the version package-lock.json pins, from the npm
# registry. Chromium itself is Debian's (scripts/packages.txt); playwright-core
# downloads no browser. Idempotent: npm runs only when the lock file changed
# since the last install.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/tests/browser"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  # Debian's nodejs brings no npm of its own; a nodesource nodejs bundles it
  # (and conflicts with Debian's npm), hence only what is missing.
  extra=()
  command -v node >/dev/null 2>&1 || extra+=(nodejs)
  command -v npm >/dev/null 2>&1 || extra+=(npm)
  bash "$root/scripts/install-deps.sh" "${extra[@]}"
fi

stamp=node_modules/.jiangbu-lock-sha256
wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -f $stamp && "$(cat "$stamp")" == "$wanted" ]]; then
  echo "browser-deps: playwright-core is installed"
  exit 0
fi
echo "browser-deps: npm ci (playwright-core, pinned by tests/browser/package-lock.json)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
echo "$wanted" >"$stamp"
