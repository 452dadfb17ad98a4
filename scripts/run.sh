#!/usr/bin/env bash
# THE main-job command: installs dependencies, builds, and runs the demo on the
# embedded SQLite default into a fresh out/demo/jiangbu.db. Extra arguments go
# to 'jiangbu demo run'.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ "${JIANGBU_SANITIZE:-0}" == 1 ]]; then
  export JIANGBU_BUILD_DIR="${JIANGBU_BUILD_DIR:-build-sanitize}"
else
  export JIANGBU_BUILD_DIR="${JIANGBU_BUILD_DIR:-build}"
fi

bash scripts/install-deps.sh
bash scripts/build.sh

rm -rf out/demo && mkdir -p out/demo
status=0
"$JIANGBU_BUILD_DIR/jiangbu" demo run --db out/demo/jiangbu.db --reports out/demo/reports "$@" || status=$?
echo "run.sh: database at $root/out/demo/jiangbu.db (jiangbu exit status $status)"
exit "$status"
