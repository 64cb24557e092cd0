#!/usr/bin/env bash
# Quota benchmark of the Google source: the real command line (`bin/interactions ingest --source
# google`, Google's client libraries) against the test fake of Google as its own process on
# loopback, which holds every mailbox to a per-user Gmail quota (a call beyond it answers 429) and
# counts what it served. The ingest is given the same quota, so a client that keeps to it and
# keeps its mailboxes busy reaches the quota-bound rate: U units/s per mailbox, M x U together
# (the project quota, 1,200,000 units a minute, does not bind here).
#
#   bench/google-quota.sh [--mailboxes M] [--messages-per-mailbox N] [--user-units-per-second U]
#                         [--latency-ms A-B]
#   (defaults: two cases, 1 and 8 mailboxes; 1500 messages a mailbox; 250 units/s, Google's
#    default; each answer of the fake takes 20 to 100 ms)
#
# A message costs 5 units (messages.get), so 1500 messages at 250 units/s take about 30 s of
# fetching per mailbox. The achieved rate of a mailbox is the Gmail units the fake served it over
# the time from its first to its last Gmail call, so JVM and Spark start-up, Calendar and the
# Delta commits after the last call are outside it (the wall time of the ingest process is
# reported beside it). The fake, like Google, lets a full second's units through at once, so a
# short run may show slightly above 1. The last line on stdout is
#   quota_fraction_1=R1 quota_fraction_8=R8     (or quota_fraction_M=R for the one case given)
# where R is the units served to all mailboxes over the whole fetch window, divided by M x U.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cases="1 8"
messages=1500
units=250
latency=20-100
while [ $# -gt 0 ]; do
  case "$1" in
    --mailboxes) cases="$2"; shift 2 ;;
    --messages-per-mailbox) messages="$2"; shift 2 ;;
    --user-units-per-second) units="$2"; shift 2 ;;
    --latency-ms) latency="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/google-quota.sh: unknown option $1 (allowed: --mailboxes M, --messages-per-mailbox N," \
      "--user-units-per-second U, --latency-ms A-B)" >&2; exit 2 ;;
  esac
done
for n in $cases "$messages" "$units"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "bench/google-quota.sh: counts and units must be positive integers" >&2; exit 2; }
done
[[ "$latency" =~ ^[0-9]+-[0-9]+$ ]] || { echo "bench/google-quota.sh: --latency-ms takes A-B, e.g. 20-100" >&2; exit 2; }

cli="$here/bin/interactions"
work="$(mktemp -d)"
fake_pid=""
cleanup() {
  if [ -n "$fake_pid" ] && kill -0 "$fake_pid" 2>/dev/null; then kill "$fake_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Build once, offline when the local repository has everything: the whole project (the CLI) and the
# ingest module's test classes with their classpath (the fake). Skipped when no source changed.
stamp="$here/bench/target/google-quota.stamp"
fake_cp_file="$here/bench/target/google-quota-classpath.txt"
mkdir -p "$here/bench/target"
if [ ! -s "$fake_cp_file" ] || [ ! -f "$stamp" ] || [ -n "$(find "$here/pom.xml" "$here"/*/pom.xml "$here"/*/src \( -name '*.java' -o -name 'pom.xml' \
    -o -name '*.properties' -o -name '*.sql' \) -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "bench/google-quota.sh: building..." >&2
  mvn_q() { (cd "$here" && mvn -q -B -Dstyle.color=never "$@" >&2); }
  mvn_q -o -DskipTests install 2>/dev/null || mvn_q -DskipTests install
  # The launcher's own mark of a finished build, so that it does not build again.
  touch "$here/app/target/classpath.txt"
  mvn_q -o -pl ingest dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$fake_cp_file" 2>/dev/null \
    || mvn_q -pl ingest dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$fake_cp_file"
  touch "$stamp"
fi
"$cli" --help >/dev/null
fake_cp="$here/ingest/target/test-classes:$here/ingest/target/classes:$(cat "$fake_cp_file")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

declare -A row fraction
details=()
run_case() { # mailboxes
  local m="$1" dir="$work/m$1"
  mkdir -p "$dir"
  mkfifo "$dir/ctl"
  java -Xmx1g -cp "$fake_cp" dev.interactions.ingest.google.fake.FakeGoogleServer --mailboxes "$m" \
    --messages-per-mailbox "$messages" --user-units-per-second "$units" --latency-ms "$latency" \
    --tokens "$dir/tokens.json" --summary "$dir/served.tsv" <"$dir/ctl" >"$dir/fake.out" 2>"$dir/fake.err" &
  fake_pid=$!
  exec 3>"$dir/ctl" # the fake runs until this closes
  local waited=0
  until grep -q '^ready$' "$dir/fake.out" 2>/dev/null; do
    kill -0 "$fake_pid" 2>/dev/null && [ "$waited" -lt 600 ] \
      || { echo "bench/google-quota.sh: the fake did not start:" >&2; tail -5 "$dir/fake.err" >&2; exit 1; }
    sleep 0.2; waited=$((waited + 1))
  done
  local port list
  port=$(sed -n 's/^port=//p' "$dir/fake.out")
  list=$(sed -n 's/^mailboxes=//p' "$dir/fake.out")

  local start end rc=0
  start=$(date +%s.%N)
  "$cli" ingest --source google --auth user-tokens --credentials "$dir/tokens.json" \
    --google-root-url "http://127.0.0.1:$port" --token-uri "http://127.0.0.1:$port/token" \
    --mailboxes "$list" --warehouse "$dir/wh" --quota-user-units-per-second "$units" \
    >"$dir/ingest.out" 2>"$dir/ingest.err" || rc=$?
  end=$(date +%s.%N)
  exec 3>&-
  wait "$fake_pid" || { echo "bench/google-quota.sh: the fake failed:" >&2; tail -5 "$dir/fake.err" >&2; exit 1; }
  fake_pid=""
  [ -s "$dir/served.tsv" ] || { echo "bench/google-quota.sh: the fake wrote no summary" >&2; exit 1; }
  if [ "$rc" -ne 0 ]; then
    echo "bench/google-quota.sh: ingest of $m mailboxes exited $rc:" >&2
    tail -5 "$dir/ingest.err" >&2
  fi
  local failed landed
  failed=$( (grep -E '^(gmail|calendar) [^ ]+: failed' "$dir/ingest.out" || true) | cut -d' ' -f2 | sort -u | wc -l)
  landed=$("$cli" sql --warehouse "$dir/wh" \
    "SELECT count(*) FROM bronze.gmail_messages WHERE deleted_at IS NULL" 2>"$dir/sql.err" | sed -n 2p || true)
  [ "$landed" = "$((m * messages))" ] \
    || echo "bench/google-quota.sh: warning: $((m * messages)) messages in the fake, ${landed:-none} in bronze" >&2

  local wall
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  # Per mailbox: served units over its own first-to-last Gmail call; all: over the whole window.
  local summary
  summary=$(awk -F'\t' -v u="$units" -v m="$m" '
    NR == 1 || $4 == 0 { next }
    { n++; name[n] = $1; un[n] = $2; ge[n] = $3; re[n] = $5; fi[n] = $7; la[n] = $8
      units += $2; gets += $3; refused += $5; errors += $6
      if (first == "" || $7 < first) first = $7
      if ($8 > last) last = $8 }
    END {
      span = (last - first) / 1000
      for (i = 1; i <= n; i++) {
        s[i] = (la[i] - fi[i]) / 1000; f[i] = s[i] > 0 ? un[i] / s[i] / u : 0
        if (slowest == "" || f[i] < slowest) slowest = f[i]
      }
      printf "%.1f %.0f %.3f %.3f %d %d %d\n", span, (span > 0 ? units / span : 0),
        (span > 0 ? units / span / (u * m) : 0), slowest, refused, errors, gets
      for (i = 1; i <= n; i++)
        printf "%s %d %d %.1f %.1f %.0f %.2f %d\n", name[i], un[i], ge[i], (fi[i] - first) / 1000, s[i],
          (s[i] > 0 ? un[i] / s[i] : 0), f[i], re[i]
    }' "$dir/served.tsv")
  local fetch achieved all slow refused errors gets
  read -r fetch achieved all slow refused errors gets <<<"$(head -1 <<<"$summary")"
  fraction[$m]=$(awk -v f="$all" 'BEGIN { printf "%.2f", f }')
  row[$m]=$(printf '| %d | %d | %s | %s | %s | %s | %.2f | %.2f | %d | %d | %s |' "$m" "$((m * messages))" "$wall" \
    "$fetch" "$achieved" "$((m * units))" "$all" "$slow" "$refused" "$failed" "${landed:-?}")
  while read -r box bunits bgets bstart bspan brate bfrac brefused; do
    details+=("| $m | $box | $bunits | $bgets | $bstart | $bspan | $brate | $bfrac | $brefused |")
  done < <(tail -n +2 <<<"$summary")
  [ "$errors" -eq 0 ] || echo "bench/google-quota.sh: the fake answered $errors Gmail errors other than 429" >&2
  echo "bench/google-quota.sh: $m mailboxes: ingest $wall s (exit $rc), fetch $fetch s, x quota $all" >&2
}

for m in $cases; do run_case "$m"; done

{
  echo "| mailboxes | messages | ingest wall s | fetch s | units/s served | quota-bound units/s | x quota (all) | x quota (slowest mailbox) | 429s answered | failed mailboxes | messages in bronze |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for m in $cases; do echo "${row[$m]}"; done
  echo
  echo "| case | mailbox | units served | messages.get served | first Gmail call, s after the case's first | fetch s | units/s | x quota | 429s |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${details[@]}"
  echo
  echo "$messages messages a mailbox, $units Gmail units/s per mailbox (client and fake), fake latency $latency ms;" \
    "fetch s: first to last Gmail call the fake answered (outside it: JVM and Spark start-up, Calendar, the last Delta commits);" \
    "$(nproc) cores; $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1);" \
    "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  line=""
  for m in $cases; do line="$line quota_fraction_$m=${fraction[$m]}"; done
  echo "${line# }"
}
