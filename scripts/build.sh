#!/usr/bin/env bash
# Configures and builds jiangbu (RelWithDebInfo) into build/, or into
# build-sanitize/ with ASan+UBSan when JIANGBU_SANITIZE=1. JIANGBU_BUILD_DIR
# overrides the directory (relative to the repository root, or absolute).
# Extra arguments go to the cmake configure step, e.g.
#   scripts/build.sh -DJIANGBU_WARNINGS_AS_ERRORS=OFF
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "${JIANGBU_SANITIZE:-0}" == 1 ]]; then
  dir="${JIANGBU_BUILD_DIR:-build-sanitize}" sanitize=ON
else
  dir="${JIANGBU_BUILD_DIR:-build}" sanitize=OFF
fi
[[ "$dir" == /* ]] || dir="$root/$dir"

# JIANGBU_SANITIZE is always passed so that a build dir's cache can never hold
# the other flavour.
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJIANGBU_SANITIZE="$sanitize" "$@"
cmake --build "$dir" -j "$(nproc)"
echo "build: built in $dir"
