#!/usr/bin/env bash
# What the signals cost: the metrics stage with and without them (metrics --signals=false) on the
# same transformed warehouse, side by side in one run. The two sides alternate, in a different
# order each round, as whole processes, so both see the same load on a shared machine. Reports the
# stage's own time (the "took N ms" line metrics logs, without JVM and Spark start), the process
# wall time, their medians and the ratio.
#
#   bench/signals.sh [CUSTOMERS] [ROUNDS]     (defaults: 420 customers, 8 team members, 6 months;
#                                              3 rounds; SIGNALS_KEEP=DIR keeps and reuses the data)
# 420 customers make about 157,000 generated Gmail messages, 104,000 distinct ones in silver.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
customers="${1:-420}"
rounds="${2:-3}"
as_of="2026-06-30T00:00:00Z"   # the generated data's last day
cli="$here/bin/interactions"
if [ -n "${SIGNALS_KEEP:-}" ]; then
  # SIGNALS_KEEP=DIR keeps the data and the transformed warehouse there, and a later run with the
  # same DIR (and the same CUSTOMERS) reuses them instead of generating them again.
  work="$SIGNALS_KEEP"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

if [ ! -f "$work/prepared-$customers" ]; then
  rm -rf "$work/data" "$work/wh"
  echo "generating $customers customers, 8 team members, 6 months..." >&2
  "$cli" generate --out "$work/data" --team-members 8 --customers "$customers" --users-per-customer 4 \
    --months 6 --seed 7 >/dev/null
  "$cli" ingest --source files --input "$work/data/input" --warehouse "$work/wh" >/dev/null
  "$cli" transform --warehouse "$work/wh" --reference "$work/data/reference" >/dev/null
  touch "$work/prepared-$customers"
fi
counts="$("$cli" sql --warehouse "$work/wh" \
  "SELECT (SELECT count(*) FROM bronze.gmail_messages), count(*), count_if(synced) FROM silver.email_messages" | tail -1)"
IFS=, read -r copies messages synced <<< "$counts"

results="$work/runs.tsv"
run_metrics() { # side -> appends "side stage_s wall_s load1"
  local side="$1" flag=() start end log stage load
  [ "$side" = without ] && flag=(--signals=false)
  log="$work/metrics.log"
  start=$(date +%s.%N)
  "$cli" metrics --warehouse "$work/wh" --as-of "$as_of" "${flag[@]}" >/dev/null 2>"$log"
  end=$(date +%s.%N)
  stage=$(sed -n 's/.*metrics as of .* took \([0-9]*\) ms.*/\1/p' "$log" | tail -1)
  [ -n "$stage" ] || { echo "no stage time in the metrics log:" >&2; cat "$log" >&2; exit 1; }
  load=$(cut -d' ' -f1 /proc/loadavg)
  awk -v s="$side" -v st="$stage" -v a="$start" -v b="$end" -v l="$load" \
    'BEGIN { printf "%s\t%.1f\t%.1f\t%s\n", s, st / 1000, b - a, l }' >> "$results"
}

# A warm-up run of each side first (not counted): the first metrics run creates the tables.
run_metrics with; run_metrics without; : > "$results"
for ((i = 1; i <= rounds; i++)); do
  if ((i % 2)); then run_metrics with; run_metrics without; else run_metrics without; run_metrics with; fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
with_stage=$(awk -F'\t' '$1 == "with" { print $2 }' "$results" | median)
without_stage=$(awk -F'\t' '$1 == "without" { print $2 }' "$results" | median)
with_wall=$(awk -F'\t' '$1 == "with" { print $3 }' "$results" | median)
without_wall=$(awk -F'\t' '$1 == "without" { print $3 }' "$results" | median)

echo "data: $customers customers; $copies gmail copies in bronze, $messages messages in silver ($synced synced)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo),"\
  "$(java -version 2>&1 | head -1); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\nside\tstage s\tprocess s\tload (1 min)\n'
cat "$results"
printf '\nmedian stage: with %s s, without %s s; process: with %s s, without %s s\n' \
  "$with_stage" "$without_stage" "$with_wall" "$without_wall"
awk -v w="$with_stage" -v o="$without_stage" -v pw="$with_wall" -v po="$without_wall" 'BEGIN {
  printf "signals add %.0f%% to the metrics stage (ratio %.2f); %.0f%% to the whole process\n",
    (w / o - 1) * 100, w / o, (pw / po - 1) * 100 }'
