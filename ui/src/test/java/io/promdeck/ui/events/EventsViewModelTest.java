package io.promdeck.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.live.EventState;
import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.common.UiThread;
import io.promdeck.ui.session.SessionModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Events panel's model without the FX toolkit: order, filters, and what it says when nothing is known. */
class EventsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final EventsViewModel model = new EventsViewModel(
            new SessionModel(new Tasks(executor, UiThread.direct()), null, null, Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static NamespaceSnapshot snapshot(EventState... events) {
        return new NamespaceSnapshot("monitoring", NOW, List.of(), List.of(), List.of(), List.of(events));
    }

    @Test
    void withoutASessionItSaysSoInsteadOfAnEmptyList() {
        assertThat(model.statusProperty().get()).isEqualTo("Not connected.");
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void warningsComeFirstThenTheNewestAndFiltersNarrow() {
        model.update(snapshot(
                new EventState("Normal", "Pulled", "Pulled image", "Pod", "prometheus-0", NOW.minusSeconds(5), 1),
                new EventState("Warning", "FailedMount", "MountVolume.SetUp failed", "Pod", "prometheus-1", NOW.minusSeconds(600), 3),
                new EventState("Warning", "BackOff", "Back-off restarting failed container", "Pod", "prometheus-1", NOW.minusSeconds(30), 7)));

        List<EventRow> sorted = model.rows().stream().sorted(EventRow.WARNINGS_FIRST).toList();
        assertThat(sorted).extracting(EventRow::reason).containsExactly("BackOff", "FailedMount", "Pulled");
        assertThat(sorted.get(0).age()).isEqualTo("30s ago");
        assertThat(sorted.get(0).object()).isEqualTo("Pod/prometheus-1");
        assertThat(model.statusProperty().get()).isEqualTo("3 of 3 events in monitoring (2 warnings) — watched live, as of "
                + io.promdeck.ui.common.Formats.time(NOW));

        model.warningsOnlyProperty().set(true);
        assertThat(model.rows()).extracting(EventRow::reason).containsExactlyInAnyOrder("BackOff", "FailedMount");
        model.filterProperty().set("mountvolume prometheus-1");
        assertThat(model.rows()).extracting(EventRow::reason).containsExactly("FailedMount");
        assertThat(model.statusProperty().get()).startsWith("1 of 3 events");
        model.filterProperty().set("nothing-like-this");
        assertThat(model.rows()).isEmpty();
    }
}
