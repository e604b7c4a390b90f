package io.promdeck.ui.events;

import io.promdeck.app.live.EventState;
import io.promdeck.ui.common.Formats;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/** One Kubernetes event as the Events panel lists it. */
public record EventRow(String type, String reason, String object, String message, int count, Instant last, String age) {

    /** Warnings first, then the newest. */
    public static final Comparator<EventRow> WARNINGS_FIRST = Comparator.comparing((EventRow r) -> !r.warning())
            .thenComparing(EventRow::last, Comparator.nullsLast(Comparator.reverseOrder()));

    static EventRow of(EventState event, Instant now) {
        String object = (event.objectKind() == null ? "" : event.objectKind() + "/") + (event.objectName() == null ? "" : event.objectName());
        return new EventRow(event.type() == null ? "" : event.type(), nullToEmpty(event.reason()), object, nullToEmpty(event.message()),
                event.count(), event.last(), event.last() == null ? "—" : Formats.since(event.last(), now));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    public boolean warning() {
        return "Warning".equals(type);
    }

    /** Every word of the filter is in the type, reason, object or message (case-insensitive). */
    boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String all = String.join(" ", type, reason, object, message).toLowerCase(Locale.ROOT);
        for (String word : filter.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!all.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
