package io.promdeck.ui.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/** A label showing the step under way and how long the work has taken ("Checking … (4 s)"), ticking every second while busy. */
public final class ElapsedProgress {

    private ElapsedProgress() {
    }

    public static void bind(Label label, ObservableStringValue step, ObservableObjectValue<Instant> started, ObservableBooleanValue busy,
            Clock clock) {
        Runnable show = () -> {
            Instant since = started.get();
            String text = step.get();
            label.setText(since == null || text.isEmpty() ? text
                    : text + " (" + io.promdeck.app.http.Durations.words(Duration.between(since, clock.instant())) + ")");
        };
        step.addListener((obs, old, now) -> show.run());
        Timeline tick = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> show.run()));
        tick.setCycleCount(Animation.INDEFINITE);
        busy.addListener((obs, was, now) -> {
            if (now) {
                tick.play();
            } else {
                tick.stop();
                show.run();
            }
        });
        show.run();
    }
}
