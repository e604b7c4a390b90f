package io.promdeck.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertDedup;
import io.promdeck.app.alertmanager.AlertState;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.PeerAlerts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows kept between builds: by identity where the merge kept an entry, built anew where it changed. No FX. */
class AlertRowsTest {

    private static Alert alert(String fingerprint, String name, String instance) {
        return new Alert(fingerprint, Map.of("alertname", name, "instance", instance), Map.of(), AlertState.ACTIVE, List.of(), List.of(),
                Instant.EPOCH, null, null, "", List.of("r"));
    }

    private static List<DedupedAlert> merge(List<Alert> alerts, List<DedupedAlert> previous) {
        return AlertDedup.merge(List.of(new PeerAlerts("am-0", alerts), new PeerAlerts("am-1", alerts)), previous);
    }

    @Test
    void unchangedAlertsKeepTheirRowsAndTheVeryListAndAChangeBuildsOnlyItsRow() {
        Alert zeta = alert("f1", "Zeta", "a:1");
        Alert alpha = alert("f2", "Alpha", "b:1");
        Alert mid = alert("f3", "Mid", "c:1");
        AlertRows rows = new AlertRows();
        List<DedupedAlert> first = merge(List.of(zeta, alpha, mid), List.of());
        AlertRows.Rows one = rows.build(first, 2);
        assertThat(one.sorted()).extracting(AlertRow::name).containsExactly("Alpha", "Mid", "Zeta");
        assertThat(one.labelValues()).containsEntry("instance", List.of("a:1", "b:1", "c:1"));

        // The next refresh: the same alert objects (the reader reused them), so the merge and the rows are the same too.
        List<DedupedAlert> second = merge(List.of(zeta, alpha, mid), first);
        AlertRows.Rows two = rows.build(second, 2);
        assertThat(two.sorted()).isSameAs(one.sorted());
        assertThat(two.labelValues()).isSameAs(one.labelValues());

        // Mid changed (a new object from the reader): its row is new, the others are the same objects, the order holds.
        Alert midChanged = alert("f3", "Mid", "c:2");
        AlertRows.Rows three = rows.build(merge(List.of(zeta, alpha, midChanged), second), 2);
        assertThat(three.sorted()).isNotSameAs(two.sorted());
        assertThat(three.sorted()).extracting(AlertRow::name).containsExactly("Alpha", "Mid", "Zeta");
        assertThat(three.sorted().get(0)).isSameAs(one.sorted().get(0));
        assertThat(three.sorted().get(2)).isSameAs(one.sorted().get(2));
        assertThat(three.sorted().get(1).labels()).isEqualTo("instance=c:2");
        assertThat(three.labelValues()).containsEntry("instance", List.of("a:1", "b:1", "c:2"));

        // One alert gone: the rest are kept, the list is new.
        AlertRows.Rows four = rows.build(merge(List.of(zeta, midChanged), List.of()), 2);
        assertThat(four.sorted()).extracting(AlertRow::name).containsExactly("Mid", "Zeta");
    }

    @Test
    void anotherPeerCountBuildsEveryRowAgain() {
        Alert a = alert("f1", "A", "a:1");
        AlertRows rows = new AlertRows();
        List<DedupedAlert> merged = merge(List.of(a), List.of());
        AlertRow before = rows.build(merged, 2).sorted().get(0);
        AlertRow after = rows.build(merged, 3).sorted().get(0);

        assertThat(after).isNotSameAs(before);
        assertThat(before.held()).isEqualTo("2/2");
        assertThat(after.held()).isEqualTo("2/3");
    }

    @Test
    void theRowsMatchThoseBuiltFromScratch() {
        List<Alert> alerts = List.of(alert("f1", "B", "x"), alert("f2", "A", "y"), alert("f3", "B", "a"));
        AlertRows rows = new AlertRows();
        List<DedupedAlert> first = merge(alerts, List.of());
        rows.build(first, 2);
        List<DedupedAlert> shuffled = merge(List.of(alerts.get(2), alerts.get(0), alerts.get(1)), first);

        assertThat(rows.build(shuffled, 2).sorted()).isEqualTo(AlertsViewModel.rows(shuffled, 2));
    }

    @Test
    void anAlertChangedInPlaceTakesItsOldRowsPlaceAndTheLabelValuesAreKept() {
        List<Alert> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            alerts.add(alert(String.format("f%02d", i), i % 2 == 0 ? "Even" : "Odd", "host-" + (39 - i)));
        }
        AlertRows rows = new AlertRows();
        List<DedupedAlert> first = merge(alerts, List.of());
        AlertRows.Rows one = rows.build(first, 2);

        // Alert 7 now suppressed (same fingerprint, same labels), alert 20 re-sent (another start): new objects in place.
        List<Alert> next = new java.util.ArrayList<>(alerts);
        Alert seven = alerts.get(7);
        next.set(7, new Alert(seven.fingerprint(), seven.labels(), Map.of(), AlertState.SUPPRESSED, List.of("s1"), List.of(),
                Instant.EPOCH, null, null, "", List.of("r")));
        Alert twenty = alerts.get(20);
        next.set(20, new Alert(twenty.fingerprint(), twenty.labels(), Map.of(), AlertState.ACTIVE, List.of(), List.of(),
                Instant.ofEpochSecond(60), null, null, "", List.of("r")));
        List<DedupedAlert> second = merge(next, first);
        AlertRows.Rows two = rows.build(second, 2);

        assertThat(two.sorted()).isEqualTo(AlertsViewModel.rows(second, 2));
        assertThat(two.labelValues()).isSameAs(one.labelValues()).isEqualTo(AlertsViewModel.labelValues(two.sorted()));
        assertThat(two.sorted()).filteredOn(r -> r.state().equals("suppressed")).singleElement()
                .satisfies(r -> assertThat(r.alert().alert()).isSameAs(next.get(7)));
        assertThat(two.sorted().stream().filter(r -> one.sorted().stream().anyMatch(o -> o == r)).count()).isEqualTo(38);

        // A new alert among them: positions shift, everything is sorted and indexed again, still the same rows as from scratch.
        List<Alert> grown = new java.util.ArrayList<>(next);
        grown.add(3, alert("f99", "New", "host-new"));
        List<DedupedAlert> third = merge(grown, second);
        AlertRows.Rows three = rows.build(third, 2);
        assertThat(three.sorted()).isEqualTo(AlertsViewModel.rows(third, 2));
        assertThat(three.labelValues()).isEqualTo(AlertsViewModel.labelValues(three.sorted())).containsKey("instance");
        assertThat(three.labelValues().get("instance")).contains("host-new");
    }
}
