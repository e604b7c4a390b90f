package io.promdeck.app.install;

/**
 * One field Promdeck sets whose live value differs: its JSON path and the values before and after, as text
 * ({@value #NOT_SET} when absent; {@value #SECRET} for a Secret's values, which never leave the cluster in a plan).
 */
public record FieldChange(String path, String before, String after) {

    public static final String NOT_SET = "(not set)";
    public static final String SECRET = "<secret>";

    /** "path: before → after", each value cut to one line of at most {@code width} characters. */
    public String brief(int width) {
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
