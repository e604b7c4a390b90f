package io.promdeck.ui.alerts;

import io.promdeck.app.alertmanager.DedupedAlert;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** One deduplicated alert as the table shows it. */
public record AlertRow(DedupedAlert alert, String name, String severity, String state, String labels, String held, Instant since,
        String receivers) {

    static AlertRow of(DedupedAlert deduped, int peerCount) {
        var a = deduped.alert();
        String state = a.inhibited() ? "inhibited" : a.silenced() ? "suppressed" : a.state().name().toLowerCase(java.util.Locale.ROOT);
        String labels = a.labels().entrySet().stream().filter(e -> !e.getKey().equals("alertname")).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return new AlertRow(deduped, a.name(), a.labels().getOrDefault("severity", ""), state, labels, held(deduped.peers().size(), peerCount),
                a.startsAt(), a.receivers().size() == 1 ? a.receivers().get(0) : String.join(", ", a.receivers()));
    }

    private static final String[][] HELD = new String[8][8];

    /** "2/3": one String per pair, not one per row. */
    private static String held(int peers, int of) {
        if (peers >= HELD.length || of >= HELD.length) {
            return peers + "/" + of;
        }
        String text = HELD[peers][of];
        if (text == null) {
            text = peers + "/" + of;
            HELD[peers][of] = text;
        }
        return text;
    }

    public Map<String, String> labelMap() {
        return alert.alert().labels();
    }
}
