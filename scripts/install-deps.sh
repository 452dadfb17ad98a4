#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/packages.txt, plus any package
# names given as arguments. Idempotent: apt is only touched when something is
# missing, so a second run is a fast no-op.
set -euo pipefail

list="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/packages.txt"
[[ -r "$list" ]] || { echo "install-deps: cannot read $list" >&2; exit 1; }

# Words of the list with comments stripped, then the arguments.
mapfile -t wanted < <(awk '{ sub(/#.*/, ""); for (i = 1; i <= NF; i++) print $i }' "$list")
wanted+=("$@")

missing=()
for pkg in "${wanted[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
  [[ "$status" == installed ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#wanted[@]} packages are installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"

# apt needs root: use sudo only when we are not root and it exists.
as_root=()
if [[ $EUID -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-deps: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# sudo resets the environment, hence 'env'. The lock timeout waits out another
# apt/dpkg run (e.g. unattended upgrades on a fresh machine) instead of failing.
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
if ! "${apt[@]}" update; then
  echo "install-deps: 'apt-get update' failed (network or apt sources?)" >&2
  exit 1
fi
if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}"; then
  echo "install-deps: could not install: ${missing[*]} (see apt's messages above)" >&2
  exit 1
fi
echo "install-deps: done"
