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
        return new AlertRow(deduped, a.name(), a.labels().getOrDefault("severity", ""), state, labels,
                deduped.peers().size() + "/" + peerCount, a.startsAt(), String.join(", ", a.receivers()));
    }

    public Map<String, String> labelMap() {
        return alert.alert().labels();
    }
}
