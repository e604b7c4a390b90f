package io.promdeck.app.logs;

import java.util.List;

/** Log text as lines. */
final class Lines {

    private Lines() {
    }

    /** One element per line; a final newline does not make an empty last line. */
    static List<String> of(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(text.split("\r?\n", -1));
        return lines.get(lines.size() - 1).isEmpty() ? lines.subList(0, lines.size() - 1) : lines;
    }

    /** The last {@code count} lines. */
    static List<String> tail(List<String> lines, int count) {
        return lines.size() <= count ? lines : lines.subList(lines.size() - count, lines.size());
    }
}
