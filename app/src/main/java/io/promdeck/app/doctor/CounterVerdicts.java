package io.promdeck.app.doctor;

import io.promdeck.app.live.CounterHistory;
import io.promdeck.app.metrics.MetricsText;
import io.promdeck.app.metrics.MetricsWindow;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Judges an error counter read twice (a rate: "failing now") or once (a total since the process started). */
final class CounterVerdicts {

    private CounterVerdicts() {
    }

    /** A counter's verdict for one component: FAIL when it rises now, WARN when only its total says it rose once. */
    record Judged(Verdict verdict, String text) {
    }

    /**
     * In order of how current the evidence is: Promdeck's own two readings (FAIL when it rose between them; WARN when it
     * did not but the replicas recorded a rise in the last 5 min), else the replicas' record of the last 5 min (FAIL
     * when it rose), else the total since the process started (WARN when above zero: whether it still rises is unknown).
     */
    static Judged judge(MetricsWindow window, String name, Map<String, String> match, String what, Facts facts) {
        OptionalDouble rate = window.rate(name, match);
        double total = window.total(name, match);
        OptionalDouble recorded = recorded(facts, window, name, match);
        if (rate.isPresent()) {
            if (rate.getAsDouble() > 0) {
                return new Judged(Verdict.FAIL, window.increaseText(name, match) + " " + what);
            }
            String quiet = "no " + what + " in the last " + io.promdeck.app.http.Durations.words(window.span());
            if (recorded.isPresent() && recorded.getAsDouble() > 0) {
                return new Judged(Verdict.WARN, quiet + ", but " + format(recorded.getAsDouble()) + " in the last " + CounterHistory.RANGE
                        + " (recorded by Prometheus)");
            }
            return new Judged(Verdict.OK, quiet);
        }
        if (recorded.isPresent()) {
            return recorded.getAsDouble() > 0
                    ? new Judged(Verdict.FAIL, format(recorded.getAsDouble()) + " " + what + " in the last " + CounterHistory.RANGE + " (recorded by Prometheus)")
                    : new Judged(Verdict.OK, "no " + what + " in the last " + CounterHistory.RANGE + " (recorded by Prometheus)");
        }
        return total > 0 ? new Judged(Verdict.WARN, format(total) + " " + what + " since the process started (read once, and no replica records "
                + "this counter: whether it still rises shows at the next reading)") : new Judged(Verdict.OK, "no " + what + " since the process started");
    }

    /** The increase the replicas recorded for this component's counter, found by its process start time. */
    static OptionalDouble recorded(Facts facts, MetricsWindow window, String name, Map<String, String> match) {
        java.util.Optional<Double> start = window.current().value("process_start_time_seconds");
        if (start.isEmpty() || facts == null) {
            return OptionalDouble.empty();
        }
        for (var details : Facts.fresh(facts.state().details().replicas()).values()) {
            if (details.history().isPresent()) {
                OptionalDouble found = details.history().get().increase(name, start.get(), match);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** The distinct values of one label among the samples of {@code name}. */
    static Map<String, Double> byLabel(MetricsText metrics, String name, String label) {
        Map<String, Double> out = new TreeMap<>();
        for (MetricsText.Sample s : metrics.samples(name)) {
            out.merge(s.labels().getOrDefault(label, ""), s.value(), Double::sum);
        }
        return out;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
