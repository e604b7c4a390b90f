package io.promdeck.ui.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.Binaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Builds the jlink image from this build's jars (jlink/build.sh) and starts it under Xvfb until its main window is
 * shown. Runs after {@code package}, so the jars are there.
 */
class PackagedImageIT {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    private static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, text).isZero();
        return text;
    }

    @Test
    void theImageBuildsAndShowsItsMainWindow() throws Exception {
        Binaries.find("xvfb-run").orElseThrow(() -> new AssertionError(
                "xvfb-run is not installed: sudo apt-get install -y xvfb xauth libgtk-3-0 libgl1 libxtst6 libxxf86vm1 libgl1-mesa-dri"));

        String build = run(List.of("bash", "jlink/build.sh"), 600);
        Path image = ROOT.resolve("jlink/build/promdeck");

        assertThat(image.resolve("runtime/bin/java")).isExecutable();
        assertThat(image.resolve("bin/promdeck")).isExecutable();
        assertThat(image.resolve("bin/promdeck.cmd")).exists();
        assertThat(image.resolve("lib/promdeck.jsa")).exists();
        assertThat(Files.list(image.resolve("runtime/lib")).map(p -> p.getFileName().toString())).contains("libglass.so", "libprism_sw.so");
        assertThat(build).contains("image size:");

        assertThat(build).contains("download size:");
        assertThat(Files.list(ROOT.resolve("jlink/build")).map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("promdeck-linux-.*\\.tar\\.gz"));

        String started = run(List.of("xvfb-run", "-a", image.resolve("bin/promdeck").toString(), "--smoke-test"), 120);

        assertThat(started).containsPattern("promdeck: main window shown in \\d+ ms, title Promdeck");
        // Nothing warns that the class-data archive could not be used (it would silently cost the start-up gain).
        assertThat(started).doesNotContain("Unable to use shared archive");

        // Unpacked elsewhere from the download and started from another folder, the archive still applies:
        // -Xshare:on makes the JVM refuse to start otherwise.
        Path unpacked = Files.createTempDirectory("promdeck-unpacked");
        Path tarball = Files.list(ROOT.resolve("jlink/build")).filter(p -> p.getFileName().toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        run(List.of("tar", "-C", unpacked.toString(), "-xzf", tarball.toString()), 120);
        ProcessBuilder builder = new ProcessBuilder("xvfb-run", "-a", unpacked.resolve("promdeck/bin/promdeck").toString(), "--smoke-test")
                .directory(unpacked.toFile()).redirectErrorStream(true);
        builder.environment().put("PROMDECK_JAVA_OPTS", "-Xshare:on");
        Process moved = builder.start();
        moved.getOutputStream().close();
        String movedOutput = new String(moved.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(moved.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(movedOutput).containsPattern("promdeck: main window shown in \\d+ ms");
        assertThat(unpacked.resolve("promdeck/lib/promdeck.jsa")).exists();
    }

    @Test
    void theJpackageAppImageStartsWithItsOwnArchive() throws Exception {
        Path jpackage = Path.of(System.getProperty("java.home"), "bin", "jpackage");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(jpackage), "this JDK has no jpackage: " + jpackage);
        Path app = ROOT.resolve("jlink/build/app-image/Promdeck");
        if (!Files.exists(app)) {
            run(List.of("bash", "jlink/build.sh"), 600);
        }
        assertThat(app.resolve("bin/Promdeck")).isExecutable();
        assertThat(app.resolve("lib/app/promdeck.jsa")).exists();
        assertThat(Files.readString(app.resolve("lib/app/Promdeck.cfg"))).contains("-XX:SharedArchiveFile=$APPDIR/promdeck.jsa", "-Xmx512m");

        String started = run(List.of("xvfb-run", "-a", app.resolve("bin/Promdeck").toString(), "--smoke-test"), 120);

        assertThat(started).containsPattern("promdeck: main window shown in \\d+ ms, title Promdeck").doesNotContain("Unable to use shared archive");
    }
}
