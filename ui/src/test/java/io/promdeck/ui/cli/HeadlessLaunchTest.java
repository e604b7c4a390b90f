package io.promdeck.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's headless path, in a JVM of its own with JavaFX on the class path: a command runs and exits with its
 * code, and not one JavaFX class is loaded ({@code -verbose:class} lists every class the JVM loads).
 */
class HeadlessLaunchTest {

    private record Run(int code, String out, String err) {
    }

    private static Run launcher(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), "io.promdeck.ui.Launcher"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KUBECONFIG");
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void doctorRunsHeadlessWithoutLoadingAnyJavaFxClass() throws Exception {
        Path home = Files.createTempDirectory("headless-home");

        Run help = launcher(home, "doctor", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: promdeck doctor").contains("Exit codes: 0 all ok, 1 warnings or unknowns, 2 failures, 3 could not");

        Run noCluster = launcher(home, "doctor");
        assertThat(noCluster.code()).as(noCluster.err()).isEqualTo(3);
        assertThat(noCluster.err()).contains("Could not check: ");

        for (Run run : List.of(help, noCluster)) {
            List<String> javafx = run.out().lines().filter(l -> l.contains("[class,load]") && l.contains(" javafx.")).toList();
            assertThat(javafx).as("JavaFX classes loaded on the headless path").isEmpty();
            assertThat(run.out()).contains("[class,load] io.promdeck.app.cli.PromdeckCli");
        }
    }
}
