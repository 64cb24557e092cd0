#!/usr/bin/env bash
# Kill-and-rerun harness, long version: SIGKILLs `interactions run` at N points over ingest,
# transform and metrics in turn. Most kills (the first three, then two in three) are at a Delta
# commit picked from an uninterrupted run's commit sequence, spread over each stage's commits, and
# come as the commit's temp or JSON file appears; the others a few seconds into a stage, wherever
# it is then. Each next run is the rerun; after every K kills one runs to the end and every table
# is compared with the uninterrupted run, ignoring only run bookkeeping columns. Where each kill
# landed goes to bench/results/kill-rerun.txt as it happens (so a run stopped early keeps its
# record). The build runs the same harness (KillAndRerunTest) with 3 points, one per stage.
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
