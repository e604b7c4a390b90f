package io.promdeck.ui.silences;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertState;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.common.UiThread;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The silence form's validation and preview, run without the FX toolkit. */
class SilenceFormModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static DedupedAlert alert(String name, String instance) {
        return new DedupedAlert(new Alert(name + instance, Map.of("alertname", name, "instance", instance), Map.of(), AlertState.ACTIVE,
                List.of(), List.of(), Instant.EPOCH, null, null, "", List.of()), List.of("am-0"), true);
    }

    private static SilenceFormModel form() {
        List<DedupedAlert> alerts = List.of(alert("DiskFull", "db-1"), alert("DiskFull", "db-2"), alert("HighLoad", "web-1"));
        return new SilenceFormModel(new Tasks(Executors.newSingleThreadExecutor(), UiThread.direct()), () -> {
            throw new AssertionError("nothing may be sent in this test");
        }, () -> alerts, io.promdeck.app.alertmanager.AlertmanagerDialect.DEFAULT::syntax, CLOCK, "alice", null);
    }

    @Test
    void matchersAreValidatedAsTypedAndPreviewTheAlertsTheyMatch() {
        SilenceFormModel form = form();
        form.commentProperty().set("disk replacement");

        form.matchersProperty().set("alertname=\"DiskFull\", instance=~\"db-(1\"");
        assertThat(form.matchersErrorProperty().get()).startsWith("at position 33: invalid regular expression for instance");
        assertThat(form.validProperty().get()).isFalse();

        form.matchersProperty().set("alertname=\"DiskFull\", instance=~\"db-1\"");
        assertThat(form.matchersErrorProperty().get()).isEmpty();
        assertThat(form.previewProperty().get()).isEqualTo("1 alert matches");
        assertThat(form.validProperty().get()).isTrue();

        form.matchersProperty().set("alertname=\"DiskFull\"");
        assertThat(form.previewProperty().get()).isEqualTo("2 alerts match");
    }

    @Test
    void commentEndTimeAndEmptyMatchersAreRequired() {
        SilenceFormModel form = form();
        form.matchersProperty().set("alertname=\"DiskFull\"");

        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.problemsProperty().get()).contains("a comment is required");

        form.commentProperty().set("ok");
        form.endTimeProperty().set("tomorrow");
        assertThat(form.endErrorProperty().get()).startsWith("Write the end as yyyy-MM-dd HH:mm");
        assertThat(form.validProperty().get()).isFalse();

        form.endTimeProperty().set("2026-11-22 09:00");
        assertThat(form.problemsProperty().get()).contains("the end time is in the past");

        form.endTimeProperty().set("");
        form.matchersProperty().set("team=~\".*\"");
        assertThat(form.matchersErrorProperty().get()).contains("must not match the empty string");
        assertThat(form.validProperty().get()).isFalse();
    }
}
