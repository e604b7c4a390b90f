package io.promdeck.app.doctor;

import io.promdeck.app.alertmanager.Silence;
import io.promdeck.app.http.Listing;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every peer holds the same silences (id and last update): a silence gossip did not carry (created on an isolated
 * peer, or while one was partitioned) silences an alert on some peers only — and the others notify it.
 */
final class SilencesEqual implements Check {

    static final String ID = "alertmanager.silences";
    /** Gossip carries a change in under a second; older differences are not a change still travelling. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, Listing<Silence>> fresh = Facts.fresh(facts.state().silences());
        FindingBuilder f = FindingBuilder.of(ID, "Silences on every peer");
        if (fresh.size() < 2) {
            return facts.state().silences().isEmpty() ? Optional.empty()
                    : f.evidence(Facts.missing(facts.state().silences())).unknown("Fewer than two peers answer: nothing to compare",
                            "Bring the peers back.");
        }
        // Each peer's silences by id and last update, so a pass is linear: 10,000 silences on 3 peers are 30,000
        // lookups, not 3 x 10,000 x 10,000 comparisons.
        Map<String, Silence> all = new LinkedHashMap<>();
        Map<String, Set<String>> keysByPeer = new LinkedHashMap<>();
        fresh.forEach((peer, listing) -> {
            Set<String> keys = new java.util.HashSet<>(listing.items().size() * 2);
            listing.items().forEach(s -> {
                String key = s.id() + "@" + s.updatedAt();
                keys.add(key);
                all.putIfAbsent(key, s);
            });
            keysByPeer.put(peer, keys);
        });
        Instant settled = facts.now().minus(SETTLE);
        boolean differ = false;
        for (Map.Entry<String, Silence> entry : all.entrySet()) {
            Silence silence = entry.getValue();
            if (silence.updatedAt() != null && silence.updatedAt().isAfter(settled)) {
                continue;
            }
            Set<String> holders = new TreeSet<>();
            keysByPeer.forEach((peer, keys) -> {
                if (keys.contains(entry.getKey())) {
                    holders.add(peer);
                }
            });
            if (holders.size() < fresh.size()) {
                differ = true;
                Set<String> lacking = new TreeSet<>(fresh.keySet());
                lacking.removeAll(holders);
                lacking.forEach(p -> f.subject(Facts.node("alertmanager", p)));
                f.evidence(silence.id(), io.promdeck.app.alertmanager.Matchers.print(silence.matchers()) + " (" + silence.state().name()
                        .toLowerCase(java.util.Locale.ROOT) + ") is on " + String.join(", ", holders) + " only; missing on " + String.join(", ", lacking));
            }
        }
        fresh.forEach((peer, listing) -> f.evidence(peer, listing.items().size() + " silences"));
        if (differ) {
            return f.fail("Some silences are not on every peer: alerts they silence are still notified by the other peers",
                    "Create the silence again through Promdeck (it confirms it on every peer), then check the mesh (gossip port 9094).");
        }
        List<io.promdeck.app.doctor.Evidence> missing = Facts.missing(facts.state().silences());
        if (!missing.isEmpty()) {
            return f.evidence(missing).unknown("The answering peers agree; the others are unknown", "Bring the peers back.");
        }
        return f.ok("Every peer holds the same " + all.size() + " silence" + (all.size() == 1 ? "" : "s"));
    }
}
