package io.promdeck.app.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus text exposition format ({@code GET /metrics}) read into samples: enough to read a component's own
 * counters and gauges (reload times, notification failures, cluster members) without a query.
 */
public final class MetricsText {

    /** One sample line: name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    private final List<Sample> samples;

    private MetricsText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /**
     * Reads every sample line; comment lines and lines it cannot read are skipped (a component's own exposition is
     * trusted to be well formed; one odd line must not hide the rest).
     *
     * @param only when not null, only samples whose name starts with this are kept (the exposition can be large)
     */
    public static MetricsText parse(String text, String only) {
        return parse(text, only == null ? null : java.util.List.of(only));
    }

    /** @param prefixes when not null, only samples whose name starts with one of these are kept */
    public static MetricsText parse(String text, java.util.List<String> prefixes) {
        List<Sample> samples = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            if (end > start && text.charAt(start) != '#' && (prefixes == null || startsWithAny(text, start, prefixes))) {
                Sample sample = line(text.substring(start, end));
                if (sample != null) {
                    samples.add(sample);
                }
            }
            start = end + 1;
        }
        return new MetricsText(samples);
    }

    public static MetricsText parse(String text) {
        return parse(text, (java.util.List<String>) null);
    }

    private static boolean startsWithAny(String text, int at, java.util.List<String> prefixes) {
        for (String prefix : prefixes) {
            if (text.startsWith(prefix, at)) {
                return true;
            }
        }
        return false;
    }

    static Sample line(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        int i = 0;
        while (i < s.length() && s.charAt(i) != '{' && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        String name = s.substring(0, i);
        Map<String, String> labels = new HashMap<>();
        if (i < s.length() && s.charAt(i) == '{') {
            i++;
            while (true) {
                while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                    i++;
                }
                if (i >= s.length()) {
                    return null;
                }
                if (s.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = s.indexOf('=', i);
                if (eq < 0 || eq + 1 >= s.length() || s.charAt(eq + 1) != '"') {
                    return null;
                }
                String label = s.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                boolean closed = false;
                while (j < s.length()) {
                    char c = s.charAt(j);
                    if (c == '\\' && j + 1 < s.length()) {
                        char e = s.charAt(j + 1);
                        value.append(e == 'n' ? '\n' : e);
                        j += 2;
                        continue;
                    }
                    if (c == '"') {
                        closed = true;
                        j++;
                        break;
                    }
                    value.append(c);
                    j++;
                }
                if (!closed) {
                    return null;
                }
                labels.put(label, value.toString());
                i = j;
            }
        }
        String rest = s.substring(i).strip();
        int space = rest.indexOf(' ');
        String number = space < 0 ? rest : rest.substring(0, space);
        try {
            return new Sample(name, labels, number(number));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample of {@code name} (the first, when there are several). */
    public Optional<Double> value(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).map(Sample::value).findFirst();
    }

    /** The sum over every sample of {@code name} whose labels include {@code match}. */
    public double sum(String name, Map<String, String> match) {
        double sum = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().entrySet().containsAll(match.entrySet())) {
                sum += s.value();
            }
        }
        return sum;
    }
}
