package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceDraftTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static SilenceDraft draft(String matchers, Duration length) {
        return SilenceDraft.starting(NOW, length, Matchers.parse(matchers), "alice", "maintenance");
    }

    @Test
    void aCompleteDraftHasNoProblems() {
        assertThat(draft("alertname=\"Foo\"", Duration.ofHours(2)).problems(NOW)).isEmpty();
    }

    @Test
    void eachRefusalNamesItsField() {
        SilenceDraft bad = new SilenceDraft(null, List.of(), NOW, NOW.minusSeconds(1), " ", "");

        assertThat(bad.problems(NOW)).extracting(SilenceDraft.Problem::field).containsExactlyInAnyOrder(
                SilenceDraft.Field.MATCHERS, SilenceDraft.Field.ENDS_AT, SilenceDraft.Field.ENDS_AT,
                SilenceDraft.Field.CREATED_BY, SilenceDraft.Field.COMMENT);
    }

    @Test
    void matchersThatAllMatchTheEmptyStringAreRefused() {
        assertThat(draft("team=~\".*\", env!=\"prod\"", Duration.ofHours(1)).problems(NOW))
                .extracting(SilenceDraft.Problem::message).singleElement().asString().contains("must not match the empty string");
    }

    @Test
    void labelNamesWithColonsAreRefusedForSilences() {
        assertThat(draft("job:rate=\"x\"", Duration.ofHours(1)).problems(NOW))
                .extracting(SilenceDraft.Problem::message).singleElement().asString().contains("not a valid label name");
    }

    @Test
    void equalStartAndEndIsRefused() {
        assertThat(draft("a=\"b\"", Duration.ZERO).problems(NOW)).extracting(SilenceDraft.Problem::field)
                .containsExactly(SilenceDraft.Field.ENDS_AT);
    }
}
