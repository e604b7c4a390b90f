package io.promdeck.app.doctor;

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

    static Judged judge(MetricsWindow window, String name, Map<String, String> match, String what) {
        OptionalDouble rate = window.rate(name, match);
        double total = window.total(name, match);
        if (rate.isPresent()) {
            return rate.getAsDouble() > 0 ? new Judged(Verdict.FAIL, window.increaseText(name, match) + " " + what)
                    : new Judged(Verdict.OK, "no " + what + " in the last " + window.span().toSeconds() + " s"
                            + (total > 0 ? " (" + format(total) + " since the process started)" : ""));
        }
        return total > 0 ? new Judged(Verdict.WARN, format(total) + " " + what + " since the process started (read once: whether it is still "
                + "happening shows at the next reading)") : new Judged(Verdict.OK, "no " + what + " since the process started");
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
