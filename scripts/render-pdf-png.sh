#!/usr/bin/env bash
# Renders every page of a PDF report to PNG at 110 dpi, for looking at a
# report without a PDF viewer (or attaching it to a review); prints the path
# of each PNG, one a line. Needs pdftoppm (Debian package poppler-utils).
#   scripts/render-pdf-png.sh IN.pdf OUTDIR
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 IN.pdf OUTDIR" >&2
  exit 2
fi
input="$1"
output_dir="$2"
[[ -r "$input" ]] || { echo "render-pdf-png: cannot read $input" >&2; exit 1; }
command -v pdftoppm >/dev/null 2>&1 || { echo "render-pdf-png: pdftoppm missing (apt-get install poppler-utils)" >&2; exit 1; }

mkdir -p "$output_dir"
prefix="$output_dir/$(basename "${input%.*}")"
pdftoppm -r 110 -png "$input" "$prefix"
# pdftoppm numbers the pages (prefix-1.png, or prefix-01.png past nine pages).
find "$output_dir" -maxdepth 1 -type f -name "$(basename "$prefix")-*.png" | sort -V
