#!/usr/bin/env bash
# Start-up benchmark (not part of CI): time from process start to the main window shown, under Xvfb, for
# (a) the Promdeck image and (b) a bare JavaFX window launched from the same runtime, measured as interleaved pairs
# (image, bare, image, bare, …) so both see the same machine; the 1-minute load average is recorded before every
# pair, and a pair started while the load is above the limit is refused and taken again (up to 3 times the runs).
# Prints each pair, the medians, the ratio of medians and the median of the pairs' ratios, and the image size.
# Needs a built image (jlink/build.sh) and xvfb-run.
# Usage: [PROMDECK_IMAGE=dir] [MAX_LOAD=0.5] jlink/bench-startup.sh [pairs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-9}"
max_load="${MAX_LOAD:-0.5}"
image="${PROMDECK_IMAGE:-jlink/build/promdeck}"
[ -x "$image/bin/promdeck" ] || { echo "build the image first: mvn -DskipTests package && jlink/build.sh" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
work="$(dirname "$image")/bench"
mkdir -p "$work"
fx_jars=$(ls ui/target/lib/javafx-*-linux.jar | tr '\n' ':')
"$java_home/bin/javac" -d "$work" --module-path "$fx_jars" --add-modules javafx.controls jlink/bench/BareWindow.java

shown() { xvfb-run -a "$@" 2>/dev/null | sed -n 's/.*window shown in \([0-9]*\) ms.*/\1/p'; }
load() { cut -d' ' -f1 /proc/loadavg; }

: > "$work/pairs.txt"
taken=0; refused=0
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), cores: $(nproc), load limit: $max_load"
while [ "$taken" -lt "$runs" ]; do
  if [ $((taken + refused)) -ge $((runs * 3)) ]; then
    echo "the machine stayed busy (load above $max_load): $refused pairs refused, $taken taken; not a result" >&2; exit 2
  fi
  before=$(load)
  if awk "BEGIN { exit !($before > $max_load) }"; then
    refused=$((refused + 1)); echo "refused: load $before"; sleep 20; continue
  fi
  p=$(shown "$image/bin/promdeck" --smoke-test)
  b=$(shown "$image/runtime/bin/java" -cp "$work" BareWindow\$Main)
  [ -n "$p" ] && [ -n "$b" ] || { echo "a start did not report its window" >&2; exit 1; }
  taken=$((taken + 1))
  echo "$p $b $before" >> "$work/pairs.txt"
  echo "pair $taken: promdeck $p ms, bare $b ms, ratio $(awk "BEGIN { printf \"%.2f\", $p / $b }"), load before $before"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
pm=$(cut -d' ' -f1 "$work/pairs.txt" | median); bm=$(cut -d' ' -f2 "$work/pairs.txt" | median)
rm_=$(awk '{ printf "%.3f\n", $1 / $2 }' "$work/pairs.txt" | median)
echo "promdeck: median $pm ms ($(cut -d' ' -f1 "$work/pairs.txt" | sort -n | head -1)–$(cut -d' ' -f1 "$work/pairs.txt" | sort -n | tail -1))"
echo "bare:     median $bm ms ($(cut -d' ' -f2 "$work/pairs.txt" | sort -n | head -1)–$(cut -d' ' -f2 "$work/pairs.txt" | sort -n | tail -1))"
echo "ratio of medians: $(awk "BEGIN { printf \"%.2f\", $pm / $bm }"), median of pair ratios: $rm_ (goal <= 1.15); refused pairs: $refused"
echo "load average during the run: $(cut -d' ' -f3 "$work/pairs.txt" | sort -n | head -1)–$(cut -d' ' -f3 "$work/pairs.txt" | sort -n | tail -1)"
du -sh "$image" | sed 's/^/image size: /'
