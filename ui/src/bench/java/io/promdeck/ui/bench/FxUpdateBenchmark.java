package io.promdeck.ui.bench;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertState;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.ui.alerts.AlertsViewModel;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.common.UiThread;
import io.promdeck.ui.session.SessionModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The part of an alerts refresh that runs on the FX thread, without the toolkit: handing {@code count} (10,000 unless
 * {@code -p count=100000}) deduplicated rows to the alerts view model (compare with the current list, replace,
 * re-filter, re-sort, recount), and a filter typed over them. Table layout is not included: a TableView lays out only
 * its visible rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FxUpdateBenchmark {

    @org.openjdk.jmh.annotations.Param("10000")
    public int count;

    private AlertsViewModel model;
    private List<io.promdeck.ui.alerts.AlertRow> first;
    private List<io.promdeck.ui.alerts.AlertRow> second;
    /** Rows equal to {@code first} but other objects, as the next refresh of unchanged alerts builds them. */
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        SessionModel session = new SessionModel(new Tasks(Executors.newSingleThreadExecutor(), UiThread.direct()), null, null, java.time.Clock.systemUTC());
        model = new AlertsViewModel(session);
        first = AlertsViewModel.rows(alerts(count, 0), 3);
        second = AlertsViewModel.rows(alerts(count, 1), 3);
    }

    static List<DedupedAlert> alerts(int count, int variant) {
        List<DedupedAlert> list = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            Alert alert = new Alert(Integer.toHexString(n * 31 + variant), Map.of("alertname", "Bench" + n % 50, "instance", "node-" + n,
                    "severity", n % 7 == 0 ? "critical" : "warning", "namespace", "team-" + n % 20), Map.of("summary", "s"),
                    n % 11 == variant ? AlertState.SUPPRESSED : AlertState.ACTIVE, List.of(), List.of(), Instant.EPOCH, null, null, "", List.of());
            list.add(new DedupedAlert(alert, List.of("am-0", "am-1", "am-2"), true));
        }
        return list;
    }

    /** A refresh whose data changed: the list is replaced and re-sorted. */
    @Benchmark
    public int changedRefresh() {
        flip = !flip;
        model.acceptRowsForBenchmark(flip ? first : second);
        return model.rows().size();
    }

    /**
     * A refresh with the same data: the background build found it equal to the last one and hands over that same
     * list, which the FX thread leaves alone.
     */
    @Benchmark
    public int unchangedRefresh() {
        if (model.rows().size() != first.size()) {
            model.acceptRowsForBenchmark(first);
        }
        model.acceptRowsForBenchmark(first);
        return model.rows().size();
    }

    /** A matcher filter typed into the alerts view (alternating two filters, so each call filters and sorts anew). */
    @Benchmark
    public int filterTyped() {
        model.acceptRowsForBenchmark(first);
        flip = !flip;
        model.filterProperty().set(flip ? "severity=\"critical\", namespace=~\"team-1.*\"" : "severity=\"warning\"");
        return model.shownProperty().get();
    }
}
