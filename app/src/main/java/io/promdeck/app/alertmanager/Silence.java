package io.promdeck.app.alertmanager;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A silence as a peer holds it. */
public record Silence(
        String id,
        List<Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        Instant updatedAt,
        String createdBy,
        String comment,
        SilenceState state) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    public boolean matches(Map<String, String> labels) {
        return Matchers.allMatch(matchers, labels);
    }

    /** A draft with this silence's values, for editing (posting it again with the same id updates it). */
    public SilenceDraft toDraft() {
        return new SilenceDraft(id, matchers, startsAt, endsAt, createdBy, comment);
    }
}
