package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDedupTest {

    private static Alert alert(String fingerprint, String name, AlertState state) {
        return new Alert(fingerprint, Map.of("alertname", name), Map.of(), state, List.of(), List.of(),
                Instant.EPOCH, null, null, "", List.of("r"));
    }

    @Test
    void mergesByFingerprintAndRemembersPeers() {
        List<DedupedAlert> merged = AlertDedup.merge(List.of(
                new PeerAlerts("am-0", List.of(alert("f1", "A", AlertState.ACTIVE), alert("f2", "B", AlertState.ACTIVE))),
                new PeerAlerts("am-1", List.of(alert("f2", "B", AlertState.ACTIVE), alert("f1", "A", AlertState.ACTIVE))),
                new PeerAlerts("am-2", List.of(alert("f1", "A", AlertState.SUPPRESSED), alert("f3", "C", AlertState.ACTIVE)))));

        assertThat(merged).extracting(d -> d.alert().fingerprint()).containsExactly("f1", "f2", "f3");
        assertThat(merged.get(0).peers()).containsExactly("am-0", "am-1", "am-2");
        assertThat(merged.get(0).statesAgree()).isFalse();
        assertThat(merged.get(1).peers()).containsExactly("am-0", "am-1");
        assertThat(merged.get(1).statesAgree()).isTrue();
        assertThat(merged.get(2).heldByAll(3)).isFalse();
    }

    @Test
    void noPeersGiveNoAlerts() {
        assertThat(AlertDedup.merge(List.of())).isEmpty();
    }

    @Test
    void anUnchangedEntryIsThePreviousMergesObjectAndAChangedOneIsNew() {
        Alert a = alert("f1", "A", AlertState.ACTIVE);
        Alert b = alert("f2", "B", AlertState.ACTIVE);
        Alert c = alert("f3", "C", AlertState.ACTIVE);
        List<DedupedAlert> before = AlertDedup.merge(List.of(new PeerAlerts("am-0", List.of(a, b, c)), new PeerAlerts("am-1", List.of(a, b))));

        // A new alert first (every position shifts), b now on one peer only, c re-read as an equal but new object.
        Alert n = alert("f0", "N", AlertState.ACTIVE);
        Alert cAgain = alert("f3", "C", AlertState.ACTIVE);
        List<DedupedAlert> after = AlertDedup.merge(List.of(new PeerAlerts("am-0", List.of(n, a, b, cAgain)), new PeerAlerts("am-1", List.of(a))),
                before);

        assertThat(after).extracting(d -> d.alert().fingerprint()).containsExactly("f0", "f1", "f2", "f3");
        assertThat(after.get(1)).as("a: same alert object, same peers").isSameAs(before.get(0));
        assertThat(after.get(2)).as("b: held by fewer peers").isNotSameAs(before.get(1));
        assertThat(after.get(2).peers()).containsExactly("am-0");
        assertThat(after.get(3)).as("c: another alert object, even if equal").isNotSameAs(before.get(2)).isEqualTo(before.get(2));
        // The same lists again: every entry is kept, in place.
        List<DedupedAlert> again = AlertDedup.merge(List.of(new PeerAlerts("am-0", List.of(n, a, b, cAgain)), new PeerAlerts("am-1", List.of(a))),
                after);
        for (int i = 0; i < after.size(); i++) {
            assertThat(again.get(i)).isSameAs(after.get(i));
        }
    }

    @Test
    void aStateDisagreementIsANewEntry() {
        Alert a = alert("f1", "A", AlertState.ACTIVE);
        List<DedupedAlert> before = AlertDedup.merge(List.of(new PeerAlerts("am-0", List.of(a)), new PeerAlerts("am-1", List.of(a))));
        List<DedupedAlert> after = AlertDedup.merge(List.of(new PeerAlerts("am-0", List.of(a)),
                new PeerAlerts("am-1", List.of(alert("f1", "A", AlertState.SUPPRESSED)))), before);

        assertThat(after.get(0)).isNotSameAs(before.get(0));
        assertThat(after.get(0).statesAgree()).isFalse();
    }

    @Test
    void aMergeMadeFromThePreviousOneIsTheFullMergeAndKeepsEveryUnchangedEntry() {
        java.util.Random random = new java.util.Random(19);
        String[] peerNames = {"am-0", "am-1", "am-2"};
        List<List<Alert>> lists = new java.util.ArrayList<>();
        for (int p = 0; p < 3; p++) {
            List<Alert> alerts = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                if (random.nextInt(10) > 0) { // each peer misses some
                    alerts.add(alert(String.format("f%03d", i), "A" + i, AlertState.ACTIVE));
                }
            }
            lists.add(alerts);
        }
        AlertDedup.Merge merge = AlertDedup.merge(peers(peerNames, lists), AlertDedup.Merge.none());
        int inPlace = 0;
        for (int round = 0; round < 300; round++) {
            List<List<Alert>> next = new java.util.ArrayList<>();
            for (List<Alert> list : lists) {
                List<Alert> copy = new java.util.ArrayList<>(list);
                for (int k = random.nextInt(4); k > 0 && !copy.isEmpty(); k--) { // changed in place: a new object, another state
                    int at = random.nextInt(copy.size());
                    Alert was = copy.get(at);
                    copy.set(at, alert(was.fingerprint(), was.name(), random.nextBoolean() ? AlertState.ACTIVE : AlertState.SUPPRESSED));
                }
                if (random.nextInt(8) == 0) { // now and then one comes or goes: positions move
                    if (random.nextBoolean() && !copy.isEmpty()) {
                        copy.remove(random.nextInt(copy.size()));
                    } else {
                        copy.add(random.nextInt(copy.size() + 1), alert("n" + round, "New", AlertState.ACTIVE));
                    }
                }
                next.add(random.nextInt(5) == 0 ? list : copy); // some peers answer exactly as before
            }
            List<PeerAlerts> peers = peers(peerNames, next);
            AlertDedup.Merge made = AlertDedup.merge(peers, merge);

            List<DedupedAlert> scratch = AlertDedup.merge(peers);
            assertThat(made.alerts()).as("round %d", round).isEqualTo(scratch);
            for (DedupedAlert entry : made.alerts()) {
                // An entry whose copies are the same objects as before is the previous entry itself.
                merge.alerts().stream().filter(d -> d.alert() == entry.alert() && d.peers().equals(entry.peers())
                        && d.statesAgree() == entry.statesAgree()).findFirst().ifPresent(d -> assertThat(entry).isSameAs(d));
            }
            if (sameFingerprintsInPlace(merge.inputs(), peers)) {
                assertThat(made.entryOf).as("round %d: made in place", round).isSameAs(merge.entryOf);
                inPlace++;
            }
            merge = made;
            lists = next;
        }
        assertThat(inPlace).as("rounds merged in place").isGreaterThan(50);
    }

    private static List<PeerAlerts> peers(String[] names, List<List<Alert>> lists) {
        List<PeerAlerts> peers = new java.util.ArrayList<>();
        for (int p = 0; p < names.length; p++) {
            peers.add(new PeerAlerts(names[p], lists.get(p)));
        }
        return peers;
    }

    private static boolean sameFingerprintsInPlace(List<PeerAlerts> before, List<PeerAlerts> now) {
        for (int p = 0; p < now.size(); p++) {
            if (!before.get(p).alerts().stream().map(Alert::fingerprint).toList().equals(now.get(p).alerts().stream().map(Alert::fingerprint).toList())) {
                return false;
            }
        }
        return true;
    }
}
