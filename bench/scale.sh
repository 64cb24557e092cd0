#!/usr/bin/env bash
# Scaling benchmark: the whole pipeline (ingest, transform, metrics) on generated data of two
# sizes, side by side in one run. Reports the ratio of wall times to the ratio of data sizes;
# absolute times on shared machines are noisy, ratios much less so.
#
#   bench/scale.sh [BASE_CUSTOMERS] [FACTOR]     (defaults: 40 customers, x4)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
base="${1:-40}"
factor="${2:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run_size() { # customers -> "messages seconds"
  local customers="$1" dir="$work/c$1"
  "$here/bin/interactions" generate --out "$dir" --team-members 8 --customers "$customers" \
    --users-per-customer 4 --months 6 --seed 7 >/dev/null
  local start end
  start=$(date +%s.%N)
  "$here/bin/interactions" run --input "$dir/input" --reference "$dir/reference" --warehouse "$dir/wh" >/dev/null
  end=$(date +%s.%N)
  local messages
  messages=$(find "$dir/input/gmail" -name '*.jsonl' -exec cat {} + | wc -l)
  echo "$messages $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
}

read -r small_n small_s < <(run_size "$base")
read -r large_n large_s < <(run_size $((base * factor)))
printf 'size  gmail copies  seconds\nsmall %12d  %7.1f\nlarge %12d  %7.1f\n' "$small_n" "$small_s" "$large_n" "$large_s"
awk -v sn="$small_n" -v ln="$large_n" -v ss="$small_s" -v ls="$large_s" \
  'BEGIN { printf "data ratio %.2f, time ratio %.2f\n", ln / sn, ls / ss }'
