#!/usr/bin/env bash
# Builds the self-contained Promdeck image from a packaged build (mvn -DskipTests package):
#   jlink/build/promdeck/runtime   JDK + JavaFX modules only (app jars are automatic modules: classpath, not jlink)
#   jlink/build/promdeck/lib       the app jars, JavaFX's native libraries (nothing unpacks into ~ at first start)
#   jlink/build/promdeck/bin       launchers: promdeck (Linux/macOS), promdeck.cmd (Windows)
#   jlink/build/promdeck/lib/promdeck.jsa   AppCDS archive, when a display (or xvfb-run) is available
# Usage: jlink/build.sh [--no-cds]
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "jlink/build.sh: $*" >&2; exit 1; }

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -x "$java_home/bin/jlink" ] || fail "no jlink in $java_home (set JAVA_HOME to a JDK 17+)"
ls ui/target/promdeck-ui-*.jar >/dev/null 2>&1 || fail "run 'mvn -DskipTests package' first"
[ -d ui/target/lib ] || fail "ui/target/lib is missing: run 'mvn -DskipTests package' first"

out=jlink/build/promdeck
rm -rf "$out"
mkdir -p "$out/lib" "$out/bin"

fx_jars=$(ls ui/target/lib/javafx-*-linux.jar 2>/dev/null | tr '\n' ':')
[ -n "$fx_jars" ] || fail "no platform JavaFX jars in ui/target/lib"
"$java_home/bin/jlink" \
  --module-path "$fx_jars" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,java.security.jgss,jdk.crypto.ec,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,javafx.controls,javafx.swing \
  --exclude-resources='/javafx.graphics/*.so' \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
  --output "$out/runtime"

# The base archive for -XX:-UseCompressedOops is only used with heaps over 32 GB: not a desktop console's.
rm -f "$out/runtime/lib/server/classes_nocoops.jsa"

# JavaFX's natives next to the JDK's, where JavaFX looks first.
graphics_jar="$(readlink -f "$(ls ui/target/lib/javafx-graphics-*-linux.jar)")"
(cd "$out/runtime/lib" && unzip -q -o -j "$graphics_jar" '*.so')

for jar in ui/target/lib/*.jar; do
  case "$(basename "$jar")" in javafx-*) ;; *) cp "$jar" "$out/lib/" ;; esac
done
cp ui/target/promdeck-ui-*.jar "$out/lib/"

# Memory: a desktop console needs a modest heap; G1 returns what it does not use (periodic collections, tight free
# ratios), which keeps the resident size flat over hours (jlink/bench-memory.sh). PROMDECK_JAVA_OPTS adds or overrides.
cat > "$out/bin/promdeck" <<'LAUNCH'
#!/bin/sh
here="$(cd "$(dirname "$0")/.." && pwd)"
memory="-Xmx1g -XX:G1PeriodicGCInterval=30000 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10"
cds=""
[ -f "$here/lib/promdeck.jsa" ] && cds="-XX:SharedArchiveFile=$here/lib/promdeck.jsa -Xshare:auto"
exec "$here/runtime/bin/java" $cds $memory $PROMDECK_JAVA_OPTS -cp "$here/lib/*" io.promdeck.ui.Launcher "$@"
LAUNCH
chmod +x "$out/bin/promdeck"
cat > "$out/bin/promdeck.cmd" <<'LAUNCH'
@echo off
set HERE=%~dp0..
set MEMORY=-Xmx1g -XX:G1PeriodicGCInterval=30000 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10
set CDS=
if exist "%HERE%\lib\promdeck.jsa" set CDS=-XX:SharedArchiveFile="%HERE%\lib\promdeck.jsa" -Xshare:auto
"%HERE%\runtime\bin\java" %CDS% %MEMORY% %PROMDECK_JAVA_OPTS% -cp "%HERE%\lib\*" io.promdeck.ui.Launcher %*
LAUNCH
cp icons/png/promdeck-256.png "$out/lib/promdeck.png"

if [ "${1:-}" != "--no-cds" ]; then
  run=""
  [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null && run="xvfb-run -a"
  if [ -n "${DISPLAY:-}" ] || [ -n "$run" ]; then
    $run "$out/runtime/bin/java" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="$out/lib/promdeck.jsa" -cp "$out/lib/*" io.promdeck.ui.Launcher --smoke-test \
      || fail "the image did not start while recording the class-data archive"
  else
    echo "jlink/build.sh: no display and no xvfb-run: image built without the AppCDS archive" >&2
  fi
fi
du -sh "$out" | sed 's/^/image size: /'
