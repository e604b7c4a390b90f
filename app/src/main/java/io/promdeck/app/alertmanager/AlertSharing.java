package io.promdeck.app.alertmanager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of each alert's data in memory, however many peers hold it and however many refreshes it stays the same:
 * a peer's fresh list has each alert that equals one the console already holds (this peer's previous answer, or
 * another peer's) replaced by that instance, and an alert that differs only in its per-peer fields (state, silences,
 * timestamps: each peer has its own {@code updatedAt}) made to reference the held copy's labels, annotations,
 * receivers and generator URL. Three peers of an HA Alertmanager hold the same alerts, so their lists then cost one
 * set of labels and annotations plus a small record per peer; the fresh duplicates are garbage at once.
 */
public final class AlertSharing {

    private AlertSharing() {
    }

    /** The alerts held now, by fingerprint (the first of equal fingerprints wins), from every peer's latest list. */
    public static Map<String, Alert> index(Iterable<List<Alert>> lists) {
        Map<String, Alert> known = new HashMap<>();
        for (List<Alert> list : lists) {
            for (Alert alert : list) {
                known.putIfAbsent(alert.fingerprint(), alert);
            }
        }
        return known;
    }

    /** {@code fresh} with every alert sharing what a known one of its fingerprint already holds; the order is kept. */
    public static List<Alert> share(List<Alert> fresh, Map<String, Alert> known) {
        if (known.isEmpty()) {
            return fresh;
        }
        List<Alert> out = new ArrayList<>(fresh.size());
        for (Alert alert : fresh) {
            out.add(share(alert, known));
        }
        return out;
    }

    /** One alert sharing what the known one of its fingerprint holds (itself when none is known). */
    public static Alert share(Alert alert, Map<String, Alert> known) {
        Alert held = known.get(alert.fingerprint());
        if (held == null || held == alert) {
            return alert;
        }
        if (held.equals(alert)) {
            return held;
        }
        return new Alert(held.fingerprint(), same(held.labels(), alert.labels()), same(held.annotations(), alert.annotations()),
                alert.state(), same(held.silencedBy(), alert.silencedBy()), same(held.inhibitedBy(), alert.inhibitedBy()),
                alert.startsAt(), alert.endsAt(), alert.updatedAt(), same(held.generatorUrl(), alert.generatorUrl()),
                same(held.receivers(), alert.receivers()));
    }

    /** The held value when it equals the fresh one (immutable either way), else the fresh one. */
    private static <T> T same(T held, T fresh) {
        return held.equals(fresh) ? held : fresh;
    }
}
