package io.promdeck.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.Await;
import io.promdeck.testing.FaultProxy;
import io.promdeck.testing.FaultProxy.Fault;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.ui.testing.ConsoleFixture;
import io.promdeck.ui.testing.Fx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A connection attempt to an API server that never answers says how long it has waited, and can be cancelled. */
class ConnectCancelTest {

    private final FxRobot robot = new FxRobot();

    private String text(String query) {
        return Fx.get(() -> ((Labeled) robot.lookup(query).query()).getText());
    }

    @Test
    void aHangingConnectionAttemptShowsItsWaitAndCanBeCancelled() throws Exception {
        try (FaultProxy blackHole = new FaultProxy("http://127.0.0.1:9"); ) {
            blackHole.fault("/", new Fault.Stall());
            Path dir = Files.createTempDirectory("promdeck-cancel");
            Path kubeconfig = new KubeconfigWriter().cluster("hanging", blackHole.url()).tokenUser("alice", "token-a")
                    .context("hanging", "hanging", "alice", "monitoring").current("hanging").write(dir.resolve("config"));
            try (ConsoleFixture console = ConsoleFixture.start(kubeconfig.toString())) {
                Await.until(Duration.ofSeconds(10), "the context", () -> Fx.get(() -> ((ListView<?>) robot.lookup("#contexts").query())
                        .getItems().size()) == 1);
                // The list's cells are laid out a pulse after its items arrive.
                Await.until(Duration.ofSeconds(10), "the context's cell", () -> robot.lookup("#contexts .list-cell").match(n -> ((Labeled) n)
                        .getText() != null && ((Labeled) n).getText().startsWith("hanging")).tryQuery().isPresent());
                robot.clickOn(robot.lookup("#contexts .list-cell").match(n -> ((Labeled) n).getText() != null
                        && ((Labeled) n).getText().startsWith("hanging")).queryLabeled());
                robot.clickOn("#connect");

                Await.until(Duration.ofSeconds(15), "the wait counted", () -> text("#connect-progress").matches(".*\\(\\d+ s\\)$")
                        && !text("#connect-progress").endsWith("(0 s)"), () -> text("#connect-progress"));
                assertThat(text("#connect-progress")).startsWith("Checking the connection to " + blackHole.url());
                console.screenshot("connect-hanging");

                robot.clickOn("#connect-cancel");

                Await.until(Duration.ofSeconds(5), "the cancellation", () -> text("#connect-error").startsWith("Cancelled after"));
                assertThat(text("#connect-error")).matches("Cancelled after \\d+ s while checking the connection to "
                        + java.util.regex.Pattern.quote(blackHole.url()) + "\\.");
                assertThat(Fx.get(() -> robot.lookup("#connect").query().isDisabled())).as("Connect is free again").isFalse();
                assertThat(text("#health")).startsWith("Not connected");
                console.screenshot("connect-cancelled");
            }
        }
    }
}
