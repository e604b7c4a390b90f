package io.promdeck.ui.testing;

import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.ui.shell.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A console in a headless window with an environment the test makes up: its own home and settings folders, and
 * KUBECONFIG pointing at files the test wrote (or nothing at all). The real ~/.kube is never read.
 */
public final class ConsoleFixture implements AutoCloseable {

    private final Path home;
    private final Console console;
    private final Stage stage;
    private final Scene scene;

    private ConsoleFixture(Path home, Console console, Stage stage, Scene scene) {
        this.home = home;
        this.console = console;
        this.stage = stage;
        this.scene = scene;
    }

    /** @param kubeconfig the KUBECONFIG value, or null for a machine without any kubeconfig */
    public static ConsoleFixture start(String kubeconfig) {
        return start(kubeconfig, Map.of());
    }

    /** @param extra more environment variables (PATH, PROMDECK_PROGRAM_PATH, …) */
    public static ConsoleFixture start(String kubeconfig, Map<String, String> extra) {
        // TestFX rethrows an exception of any earlier async task at the next wait: a call of the previous test's console
        // interrupted while it closed is not this console's failure to start (it failed ConsoleLabTest once in CI).
        WaitForAsyncUtils.clearExceptions();
        try {
            // Under the labs' folder: a local stack a test starts here is reaped by the next run if this JVM dies.
            Path home = Files.createDirectories(io.promdeck.testing.Sandboxes.dataFolder());
            Map<String, String> variables = new HashMap<>();
            variables.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
            if (kubeconfig != null) {
                variables.put("KUBECONFIG", kubeconfig);
            }
            variables.putAll(extra);
            SettingsFolder settings = new SettingsFolder(home.resolve(".config/promdeck"));
            // Refresh every second so tests see changes quickly; the adaptive interval still applies on top.
            new io.promdeck.ui.common.UiSettings(settings).save(new io.promdeck.ui.common.UiSettings.Values(Double.NaN, Double.NaN,
                    1280, 800, null, null, false, 1000));
            Console.Environment environment = new Console.Environment(variables, home, settings, Clock.systemDefaultZone(),
                    io.promdeck.app.sandbox.Sandbox.Options.forTests());
            Stage stage = FxToolkit.registerPrimaryStage();
            Console console = WaitForAsyncUtils.asyncFx(() -> new Console(environment)).get(20, TimeUnit.SECONDS);
            Scene scene = WaitForAsyncUtils.asyncFx(() -> {
                Scene s = console.show(stage);
                stage.setWidth(1280);
                stage.setHeight(800);
                return s;
            }).get(20, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            return new ConsoleFixture(home, console, stage, scene);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError("the console did not start", e);
        }
    }

    public Console console() {
        return console;
    }

    public Stage stage() {
        return stage;
    }

    public Path home() {
        return home;
    }

    public Path screenshot(String name) {
        return Screenshots.save(scene, name);
    }

    @Override
    public void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            console.close();
            stage.hide();
        }).get(20, TimeUnit.SECONDS);
    }
}
