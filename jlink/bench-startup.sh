#!/usr/bin/env bash
# Start-up benchmark (not part of CI): time from process start to the main window shown, under Xvfb, for
# (a) the Promdeck image and (b) a bare JavaFX window launched from the same runtime; N runs each; median, spread,
# ratio; and the image size. Needs a built image (jlink/build.sh) and xvfb-run.
# Usage: [PROMDECK_IMAGE=dir] jlink/bench-startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
image="${PROMDECK_IMAGE:-jlink/build/promdeck}"
[ -x "$image/bin/promdeck" ] || { echo "build the image first: mvn -DskipTests package && jlink/build.sh" >&2; exit 1; }
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
work="$(dirname "$image")/bench"
mkdir -p "$work"
fx_jars=$(ls ui/target/lib/javafx-*-linux.jar | tr '\n' ':')
"$java_home/bin/javac" -d "$work" --module-path "$fx_jars" --add-modules javafx.controls jlink/bench/BareWindow.java

measure() {
  local label="$1"; shift
  local values=()
  for _ in $(seq 1 "$runs"); do
    values+=("$(xvfb-run -a "$@" 2>/dev/null | sed -n 's/.*window shown in \([0-9]*\) ms.*/\1/p')")
  done
  printf '%s\n' "${values[@]}" | sort -n > "$work/$label.txt"
  local median min max
  median=$(sed -n "$(( (runs + 1) / 2 ))p" "$work/$label.txt"); min=$(head -1 "$work/$label.txt"); max=$(tail -1 "$work/$label.txt")
  echo "$label: median ${median} ms (min ${min}, max ${max}) over ${runs} runs"
  eval "${label}_median=$median"
}

measure promdeck "$image/bin/promdeck" --smoke-test
measure bare "$image/runtime/bin/java" -cp "$work" BareWindow\$Main
echo "ratio promdeck/bare: $(awk "BEGIN { printf \"%.2f\", $promdeck_median / $bare_median }") (goal <= 1.25)"
du -sh "$image" | sed 's/^/image size: /'
