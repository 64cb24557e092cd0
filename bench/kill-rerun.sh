#!/usr/bin/env bash
# Kill-and-rerun harness, long version: SIGKILLs `interactions run` at N points spread over
# ingest, transform and metrics (two in three at a Delta commit, as its temp or JSON file appears;
# the others a few seconds into a stage), reruns, and compares every table with an uninterrupted
# run, ignoring only run bookkeeping columns. Reruns to the end and compares after every K kills.
# The kills and where each landed go to bench/results/kill-rerun.txt. CI runs the same harness
# (KillAndRerunTest) with 3 points.
#
#   bench/kill-rerun.sh [POINTS] [COMPARE_EVERY]     (defaults: 50 points, compare every 5)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
points="${1:-50}"
every="${2:-5}"
mkdir -p "$here/bench/results"
report="$here/bench/results/kill-rerun.txt"
cd "$here"
mvn -q -o -B -Dstyle.color=never -pl app -am test -Dtest=KillAndRerunTest#runsKilled* \
  -Dsurefire.failIfNoSpecifiedTests=false -Dkill.points="$points" -Dkill.compare.every="$every" \
  -Dkill.report="$report"
cat "$report"
