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
# ccache (scripts/packages.txt) makes a rebuild after a small change, or in a
# fresh clone on the same machine, take seconds instead of half an hour.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJIANGBU_SANITIZE="$sanitize" "${launcher[@]}" "$@"
cmake --build "$dir" -j "$(nproc)"
echo "build: built in $dir"
