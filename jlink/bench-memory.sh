#!/usr/bin/env bash
# Memory benchmark (not part of CI): resident set size of (a) the Promdeck image connected to the real lab through
# a direct profile and (b) a bare JavaFX window from the same runtime, side by side under one Xvfb. Samples VmRSS
# every minute (its own Xvfb display and settings folder; the load average is recorded with every sample); reports
# both after the settle time, their ratio, and the image's growth from then to the end
# (least-squares slope over the samples, and end minus start).
# Needs a built image (jlink/build.sh), Xvfb, and the lab's binaries (prometheus, prometheus-alertmanager).
# Under load: ALERTS=10000 SILENCES=10000 put that many alerts on every Alertmanager and that many silences in the
# cluster before the console starts (LabServe).
# BENCH_LAB=profile.yaml uses a lab that is already serving instead (started by hand with LabServe, as below).
# Usage: [PROMDECK_IMAGE=dir] [BENCH_WORK=dir] [ALERTS=n SILENCES=m | BENCH_LAB=file] jlink/bench-memory.sh [settle-minutes (10)] [total-minutes (40)]
set -euo pipefail
cd "$(dirname "$0")/.."
settle="${1:-10}"
total="${2:-40}"
image="${PROMDECK_IMAGE:-jlink/build/promdeck}"
[ -x "$image/bin/promdeck" ] || { echo "build the image first: mvn -DskipTests package && jlink/build.sh" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "Xvfb is missing: apt-get install xvfb" >&2; exit 1; }
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
work="${BENCH_WORK:-jlink/build/bench}"
mkdir -p "$work"
fx_jars=$(ls ui/target/lib/javafx-*-linux.jar | tr '\n' ':')
"$java_home/bin/javac" -d "$work" --module-path "$fx_jars" --add-modules javafx.controls jlink/bench/BareWindow.java

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

display=":$(( 90 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
if [ -n "${BENCH_LAB:-}" ]; then
  # A lab already serving (LabServe, started as below), e.g. with 10,000 alerts ingested (about 11 minutes here):
  # its profile is used as it is, and it is left running.
  profile="$(realpath "$BENCH_LAB")"
  [ -s "$profile" ] || { echo "BENCH_LAB=$BENCH_LAB: no lab profile there" >&2; exit 1; }
else
profile="$(realpath -m "$work")/lab-profile.yaml"
rm -f "$profile"
# The lab runs in a JVM of its own, started directly so that stopping it runs its shutdown hook (which stops exactly
# the lab's processes); through mvn exec:exec the forked JVM would outlive a killed mvn.
mvn -B -q -pl app -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$(realpath -m "$work")/lab-classpath.txt" > "$work/lab.log" 2>&1
"$java_home/bin/java" -cp "app/target/test-classes:app/target/classes:$(cat "$work/lab-classpath.txt")" io.promdeck.bench.LabServe "$profile" "${ALERTS:-0}" "${SILENCES:-0}" \
  >> "$work/lab.log" 2>&1 & pids+=($!)
for _ in $(seq 1 900); do [ -s "$profile" ] && break; sleep 1; done
[ -s "$profile" ] || { echo "the lab did not start; see $work/lab.log" >&2; exit 1; }
fi

# Its own settings folder: nothing of the user's (saved transports, window state, audit log) changes what is measured.
settings="$(realpath -m "$work")/settings"
rm -rf "$settings" && mkdir -p "$settings"
DISPLAY="$display" XDG_CONFIG_HOME="$settings" "$image/bin/promdeck" --profile "$profile" > "$work/promdeck.log" 2>&1 & app=$!; pids+=($app)
DISPLAY="$display" "$image/runtime/bin/java" -cp "$work" BareWindow\$Main --stay > "$work/bare.log" 2>&1 & bare=$!; pids+=($bare)

rss() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
# Resident anonymous memory (heap, JIT, native allocations) apart from file-backed pages (the class-data archive,
# libraries), which the kernel shares and can drop.
anon() { awk '/RssAnon/ { print $2 }' "/proc/$1/status"; }
samples="$work/memory.csv"
echo "minute,promdeck_kb,bare_kb,promdeck_anon_kb,bare_anon_kb,load1" > "$samples"
for minute in $(seq 1 "$total"); do
  sleep 60
  kill -0 "$app" 2>/dev/null || { echo "Promdeck exited; see $work/promdeck.log" >&2; exit 1; }
  echo "$minute,$(rss "$app"),$(rss "$bare"),$(anon "$app"),$(anon "$bare"),$(cut -d' ' -f1 /proc/loadavg)" >> "$samples"
done

awk -F, -v settle="$settle" -v total="$total" '
  NR == 1 { next }
  $1 == settle { p0 = $2; b0 = $3; pa = $4; ba = $5 }
  $1 >= settle { n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2; p1 = $2; b1 = $3 }
  END {
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)            # kB per minute
    printf "after %d min: promdeck %.0f MB, bare window %.0f MB, ratio %.2f (goal <= 1.5)\n", settle, p0 / 1024, b0 / 1024, p0 / b0
    printf "  of which anonymous: promdeck %.0f MB, bare window %.0f MB, ratio %.2f\n", pa / 1024, ba / 1024, pa / ba
    printf "growth from minute %d to %d: %.0f B/s by least squares, %.0f B/s end minus start (goal < 1024); bare %.0f B/s\n",
      settle, total, slope * 1024 / 60, (p1 - p0) * 1024 / ((total - settle) * 60), (b1 - b0) * 1024 / ((total - settle) * 60)
  }' "$samples"
echo "samples: $samples"
