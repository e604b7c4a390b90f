package io.promdeck.app.install;

/**
 * One field Promdeck sets whose live value differs: its JSON path and the values before and after, as text
 * ({@value #NOT_SET} when absent; {@value #SECRET} for a Secret's values, which never leave the cluster in a plan).
 */
public record FieldChange(String path, String before, String after) {

    public static final String NOT_SET = "(not set)";
    public static final String SECRET = "<secret>";

    /**
     * "path: before → after", each value cut to at most {@code width} characters. For a multi-line value (a
     * configuration file in a ConfigMap) the first line that differs is shown, with its number and how many more do.
     */
    public String brief(int width) {
        if (before.contains("\n") || after.contains("\n")) {
            String[] a = before.split("\n", -1);
            String[] b = after.split("\n", -1);
            int first = 0;
            while (first < a.length && first < b.length && a[first].equals(b[first])) {
                first++;
            }
            int differing = 0;
            for (int i = 0; i < Math.max(a.length, b.length); i++) {
                if (i >= a.length || i >= b.length || !a[i].equals(b[i])) {
                    differing++;
                }
            }
            String was = first < a.length ? a[first] : "(no line)";
            String now = first < b.length ? b[first] : "(no line)";
            return path + " line " + (first + 1) + ": " + cut(was, width) + " → " + cut(now, width)
                    + (differing > 1 ? " (" + (differing - 1) + (differing > 2 ? " more lines differ)" : " more line differs)") : "");
        }
        return path + ": " + cut(before, width) + " → " + cut(after, width);
    }

    static String cut(String value, int width) {
        String line = value.strip();
        int newline = line.indexOf('\n');
        boolean more = newline >= 0;
        if (more) {
            line = line.substring(0, newline) + " …";
        }
        return line.length() > width ? line.substring(0, Math.max(1, width - 1)) + "…" : line;
    }

    @Override
    public String toString() {
        return brief(80);
    }
}
