package io.promdeck.ui.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.Await;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.TestHttpServer.Reply;
import io.promdeck.ui.testing.ConsoleFixture;
import io.promdeck.ui.testing.Fx;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Thanos panel on the reference store-set JSON (Thanos cannot run here), opened through a direct-URL profile. */
class ThanosPanelTest {

    private final FxRobot robot = new FxRobot();

    private static String fixture(String name) throws Exception {
        try (InputStream in = ThanosPanelTest.class.getResourceAsStream("/thanos/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void storesAreGroupedAndAFailingSidecarIsFlagged() throws Exception {
        try (TestHttpServer thanos = new TestHttpServer(); ConsoleFixture console = ConsoleFixture.start(null)) {
            thanos.answer("/api/v1/stores", Reply.json(fixture("thanos-stores-sidecar-unhealthy.example.json")));
            Path profile = Files.writeString(console.home().resolve("thanos.yaml"), "name: reference\nthanosQuery: {url: \"" + thanos.url() + "\"}\n");
            Await.until(Duration.ofSeconds(10), "the first screen", () -> robot.lookup("#profile-path").tryQuery().isPresent());

            robot.clickOn("#profile-path").write(profile.toString());
            robot.clickOn("#profile-open");
            robot.clickOn("#nav-thanos");

            Await.until(Duration.ofSeconds(20), "the sidecar table", () -> robot.lookup("#stores-sidecar").tryQuery().isPresent());
            assertThat(Fx.get(() -> ((TableView<?>) robot.lookup("#stores-sidecar").query()).getItems().size())).isEqualTo(2);
            assertThat(Fx.get(() -> ((TableView<?>) robot.lookup("#stores-store").query()).getItems().size())).isEqualTo(1);
            assertThat(Fx.get(() -> ((TableView<?>) robot.lookup("#stores-rule").query()).getItems().size())).isEqualTo(1);
            assertThat(Fx.get(() -> java.util.List.copyOf(((ListView<String>) robot.lookup("#stores-flags").query()).getItems())))
                    .anySatisfy(f -> assertThat(f).contains("prometheus-1.lab.svc:10901 fails").contains("DeadlineExceeded"));
            console.screenshot("thanos-stores");
        }
    }
}
