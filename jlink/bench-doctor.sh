#!/usr/bin/env bash
# Headless doctor benchmark (not part of CI): the image's `promdeck doctor --profile LAB` from process start to exit,
# against the real lab (2 Prometheus, 3 Alertmanagers) kept running by LabServe. Goal: ≤ 2 s.
# Needs a built image (jlink/build.sh) and the lab's binaries. Usage: jlink/bench-doctor.sh [runs (9)]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-9}"
image="${PROMDECK_IMAGE:-jlink/build/promdeck}"
[ -x "$image/bin/promdeck" ] || { echo "build the image first: mvn -DskipTests package && jlink/build.sh" >&2; exit 1; }
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
work="${BENCH_WORK:-jlink/build/bench}"
mkdir -p "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

profile="$(realpath -m "$work")/doctor-lab.yaml"
rm -f "$profile"
mvn -B -q -pl app -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$(realpath -m "$work")/lab-classpath.txt" > "$work/doctor-lab.log" 2>&1
"$java_home/bin/java" -cp "app/target/test-classes:app/target/classes:$(cat "$work/lab-classpath.txt")" io.promdeck.bench.LabServe "$profile" \
  >> "$work/doctor-lab.log" 2>&1 & pids+=($!)
for _ in $(seq 1 180); do [ -s "$profile" ] && break; sleep 1; done
[ -s "$profile" ] || { echo "the lab did not start; see $work/doctor-lab.log" >&2; exit 1; }

"$image/bin/promdeck" doctor --profile "$profile" > "$work/doctor-first.txt" || true   # warms the file cache
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  code=0
  "$image/bin/promdeck" doctor --profile "$profile" > /dev/null 2>&1 || code=$?
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  echo "run $i: ${times[-1]} ms (exit $code)"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "promdeck doctor, process start to exit, $runs runs (load $(cut -d' ' -f1-3 /proc/loadavg)):" \
  "median ${sorted[$(( runs / 2 ))]} ms (${sorted[0]}–${sorted[-1]}); goal ≤ 2000 ms"
echo "first run's report: $work/doctor-first.txt"
