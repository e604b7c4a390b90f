#!/usr/bin/env bash
# Builds the self-contained Promdeck image from a packaged build (mvn -DskipTests package):
#   jlink/build/promdeck/runtime   JDK + JavaFX modules only (app jars are automatic modules: classpath, not jlink)
#   jlink/build/promdeck/lib       the app jars, and the class-data archive recorded at build time:
#                                  promdeck.jsa (AppCDS, JDK 17-24) or promdeck.aot (AOT cache, JDK 25+)
#   jlink/build/promdeck/bin       launchers: promdeck (Linux/macOS), promdeck.cmd (Windows)
#   jlink/build/promdeck-<os>-<arch>.tar.gz   the image as one download
#   jlink/build/app-image/Promdeck  jpackage --type app-image (native launcher, icon), where the JDK has jpackage
# The JDK that runs this script is the one packaged: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 jlink/build.sh
# builds the JDK 25 variant with an AOT cache. PROMDECK_IMAGE=some/dir/promdeck builds elsewhere (tarball and app
# image beside it).
# Usage: jlink/build.sh [--no-cds] [--no-app-image]
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "jlink/build.sh: $*" >&2; exit 1; }
cds=yes; app_image=yes
for arg in "$@"; do
  case "$arg" in
    --no-cds) cds=no ;;
    --no-app-image) app_image=no ;;
    *) fail "unknown option $arg" ;;
  esac
done

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -x "$java_home/bin/jlink" ] || fail "no jlink in $java_home (set JAVA_HOME to a JDK 17+)"
ls ui/target/promdeck-ui-*.jar >/dev/null 2>&1 || fail "run 'mvn -DskipTests package' first"
[ -d ui/target/lib ] || fail "ui/target/lib is missing: run 'mvn -DskipTests package' first"
feature=$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

out="${PROMDECK_IMAGE:-jlink/build/promdeck}"
build="$(dirname "$out")"
rm -rf "$out" "$build/app-image"
mkdir -p "$out/lib" "$out/bin"

fx_jars=$(ls ui/target/lib/javafx-*-linux.jar 2>/dev/null | tr '\n' ':')
[ -n "$fx_jars" ] || fail "no platform JavaFX jars in ui/target/lib"
# Modules: what jdeps finds in the jars (java.desktop, java.sql and java.naming for Jackson and Logback, java.logging,
# java.xml) plus what is only used by name at run time: jdk.crypto.ec (TLS with EC keys, as most API servers use),
# jdk.unsupported (sun.misc.Unsafe for JavaFX and Jackson), jdk.httpserver (the local stack's notification receiver).
"$java_home/bin/jlink" \
  --module-path "$fx_jars" \
  --add-modules java.base,java.desktop,java.logging,java.naming,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.unsupported,javafx.controls \
  --exclude-resources='/javafx.graphics/*.so' \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
  --output "$out/runtime"

# The base archive for -XX:-UseCompressedOops is only used with heaps over 32 GB: not a desktop console's.
rm -f "$out/runtime/lib/server/classes_nocoops.jsa"
# libjvm's symbol table is for debuggers (4 MB); exported symbols stay, so crash reports still name JVM frames.
if command -v strip >/dev/null; then
  chmod u+w "$out/runtime/lib/server/libjvm.so" && strip --strip-unneeded "$out/runtime/lib/server/libjvm.so"
fi

# JavaFX's natives next to the JDK's, where JavaFX looks first.
graphics_jar="$(readlink -f "$(ls ui/target/lib/javafx-graphics-*-linux.jar)")"
(cd "$out/runtime/lib" && unzip -q -o -j "$graphics_jar" '*.so')

for jar in ui/target/lib/*.jar; do
  case "$(basename "$jar")" in javafx-*) ;; *) cp "$jar" "$out/lib/" ;; esac
done
cp ui/target/promdeck-ui-*.jar "$out/lib/"

# Memory, chosen by measurement (README, Performance): G1 with a 512 MB ceiling. With 1 GB, 10,000 alerts on 3 peers and
# 10,000 silences took the resident size to 0.75-1.25 GB (G1 grows the heap to keep up with what each refresh
# allocates); 256 MB (G1 or Serial) kept it at 420-520 MB but ran out of heap at 100,000 alerts per peer; SerialGC at
# 512 MB spent 2.3 s in stop-the-world collections over 8 refreshes at 100,000, which the FX thread would feel. G1
# returns what it does not use (periodic collections, tight free ratios). PROMDECK_JAVA_OPTS adds or overrides
# (e.g. -Xmx1g for more than 100,000 alerts per peer).
jvm_options="-Xmx512m -XX:G1PeriodicGCInterval=30000 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10"
# Native memory on Linux (glibc), measured side by side on one lab (README, Performance): malloc keeps an arena per
# thread that allocated and rarely gives freed pages back; two arenas and a malloc_trim every 30 s (the JDK's own
# native-heap trimmer, experimental in 17, standard from 22) took the idle console from 304 to 275-284 MB.
# MALLOC_ARENA_MAX is set by the shell launcher; the trimmer is a JVM option (Linux only).
[ "$(uname -s)" = Linux ] && jvm_options="$jvm_options -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=30000"
# ControlsFX's auto-completion (the alerts filter) registers its handlers through JavaFX's internal event API; in the
# image JavaFX is a named module, so that package is exported to the classpath explicitly.
jvm_options="$jvm_options --add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED"
# JavaFX 21 loads its natives and uses sun.misc.Unsafe (Marlin); JDK 24+ warns about both at every start unless told.
[ "$feature" -ge 24 ] && jvm_options="$jvm_options --enable-native-access=javafx.graphics --sun-misc-unsafe-memory-access=allow"
# The class-data archive only applies when the classpath is spelled exactly as when it was recorded (JDK 17 compares
# the paths; jars in another folder do not match). So the launchers run from the image folder with a fixed, relative
# classpath written here, which stays valid wherever the image is unpacked (tar and unzip keep the jars' times, which
# are checked too). The caller's folder is passed on for relative paths on the command line.
classpath_unix=$(cd "$out" && ls lib/*.jar | LC_ALL=C sort | tr '\n' ':' | sed 's/:$//')
classpath_win=$(echo "$classpath_unix" | tr ':/' ';\\')
cat > "$out/bin/promdeck" <<LAUNCH
#!/bin/sh
here="\$(cd "\$(dirname "\$0")/.." && pwd)"
caller="\$(pwd)"
jvm_options="$jvm_options"
cds=""
[ -f "\$here/lib/promdeck.jsa" ] && cds="-XX:SharedArchiveFile=lib/promdeck.jsa -Xshare:auto"
[ -f "\$here/lib/promdeck.aot" ] && cds="-XX:AOTCache=lib/promdeck.aot"
cd "\$here" || exit 1
# Two malloc arenas instead of one per thread (glibc; see jlink/build.sh). The caller's own setting wins.
export MALLOC_ARENA_MAX="\${MALLOC_ARENA_MAX:-2}"
exec runtime/bin/java \$cds \$jvm_options \$PROMDECK_JAVA_OPTS -Dpromdeck.caller.dir="\$caller" -cp "$classpath_unix" io.promdeck.ui.Launcher "\$@"
LAUNCH
chmod +x "$out/bin/promdeck"
cat > "$out/bin/promdeck.cmd" <<LAUNCH
@echo off
setlocal
set CALLER=%CD%
cd /d "%~dp0.."
set JVM_OPTIONS=$jvm_options
set CDS=
if exist "lib\\promdeck.jsa" set CDS=-XX:SharedArchiveFile=lib\\promdeck.jsa -Xshare:auto
if exist "lib\\promdeck.aot" set CDS=-XX:AOTCache=lib\\promdeck.aot
"runtime\\bin\\java" %CDS% %JVM_OPTIONS% %PROMDECK_JAVA_OPTS% -Dpromdeck.caller.dir="%CALLER%" -cp "$classpath_win" io.promdeck.ui.Launcher %*
LAUNCH
cp icons/png/promdeck-256.png "$out/lib/promdeck.png"

# The class-data archive, recorded from a real start of the window (--smoke-test) under a display or Xvfb.
run=""
[ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null && run="xvfb-run -a"
if [ "$cds" = yes ]; then
  if [ -n "${DISPLAY:-}" ] || [ -n "$run" ]; then
    if [ "$feature" -ge 25 ]; then
      record=(-XX:AOTCacheOutput=lib/promdeck.aot)
    else
      record=(-Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit=lib/promdeck.jsa)
    fi
    (cd "$out" && $run runtime/bin/java "${record[@]}" $jvm_options -cp "$classpath_unix" io.promdeck.ui.Launcher --smoke-test) \
      || fail "the image did not start while recording the class-data archive"
  else
    echo "jlink/build.sh: no display and no xvfb-run: image built without a class-data archive" >&2
  fi
fi

platform="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m)"
tar -C "$build" -czf "$build/promdeck-$platform.tar.gz" "$(basename "$out")"

if [ "$app_image" = yes ] && [ -x "$java_home/bin/jpackage" ]; then
  input="$build/app-input"
  rm -rf "$input" && mkdir -p "$input"
  cp "$out"/lib/*.jar "$input/"
  "$java_home/bin/jpackage" --type app-image --name Promdeck --dest "$build/app-image" \
    --input "$input" --main-jar "$(basename "$(ls "$input"/promdeck-ui-*.jar)")" --main-class io.promdeck.ui.Launcher \
    --runtime-image "$out/runtime" --icon icons/png/promdeck-256.png --app-version 0.1.0 --java-options "$jvm_options"
  rm -rf "$input"
  # The app image lists its jars in its own order, so it records its own archive (through JAVA_TOOL_OPTIONS, which
  # its native launcher passes on), then names it in the launcher's configuration.
  app="$build/app-image/Promdeck"
  cfg="$app/lib/app/Promdeck.cfg"
  if [ "$cds" = yes ] && { [ -n "${DISPLAY:-}" ] || [ -n "$run" ]; }; then
    if [ "$feature" -ge 25 ]; then
      JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$app/lib/app/promdeck.aot" $run "$app/bin/Promdeck" --smoke-test >/dev/null 2>&1 \
        && echo 'java-options=-XX:AOTCache=$APPDIR/promdeck.aot' >> "$cfg"
    else
      JAVA_TOOL_OPTIONS="-Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit=$app/lib/app/promdeck.jsa" \
        $run "$app/bin/Promdeck" --smoke-test >/dev/null 2>&1 \
        && echo 'java-options=-XX:SharedArchiveFile=$APPDIR/promdeck.jsa' >> "$cfg"
    fi
  fi
  echo "app image: $app ($(du -sh "$app" | cut -f1))"
fi
du -sh "$out" | sed 's/^/image size: /'
du -sh "$build/promdeck-$platform.tar.gz" | sed 's/^/download size: /'
