package io.promdeck.ui.shell;

import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.ui.session.SessionModel;
import java.time.Clock;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/** The window's status bar, said again every second: each kind of data's age, and the port-forwards the console keeps. */
final class StatusBar {

    private final SessionModel session;
    private final Clock clock;
    private final WebUiModel webUis;
    private final Label status = new Label("Not connected");

    StatusBar(SessionModel session, Clock clock, WebUiModel webUis) {
        this.session = session;
        this.clock = clock;
        this.webUis = webUis;
        session.stateProperty().addListener((obs, old, now) -> update());
        session.sessionProperty().addListener((obs, old, now) -> update());
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> update()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
    }

    /**
     * The status bar: the freshness of each kind of data on the left, what the console keeps open on the right. A plain
     * box (ControlsFX's StatusBar brought its own skin and stylesheet into the first frame for two labels).
     */
    Node root() {
        status.setId("status-bar");
        Label forwards = new Label();
        forwards.setId("web-ui-status");
        forwards.textProperty().bind(webUis.statusProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, status, gap, forwards);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void update() {
        StackState state = session.stateProperty().get();
        if (state == null) {
            status.setText(session.sessionProperty().get() == null ? "Not connected" : "Waiting for the first answers…");
            return;
        }
        status.setText(statusLine(state, clock.instant()));
    }

    /** When each kind of data was last read, and whether it is partial, old or unknown. */
    static String statusLine(StackState state, java.time.Instant now) {
        String line = "Prometheus " + brief("Prometheus", "replicas", state.replicas(), state.expectedReplicas(), now)
                + " · Alertmanager " + brief("Alertmanager", "peers", state.peers(), state.expectedPeers(), now)
                + " · Alerts " + io.promdeck.ui.common.FreshnessText.brief(state.alertCoverage(now), now)
                + " · Silences " + io.promdeck.ui.common.FreshnessText.brief(state.silenceCoverage(now), now);
        return state.stores().isEmpty() ? line : line + " · Thanos " + brief("Thanos", "queries", state.stores(), state.stores().size(), now);
    }

    private static String brief(String what, String endpoints, Map<String, ? extends Snapshot<?>> snapshots, int expected,
            java.time.Instant now) {
        return io.promdeck.ui.common.FreshnessText.brief(io.promdeck.app.live.Coverage.of(what, endpoints, snapshots, expected, now), now);
    }
}
