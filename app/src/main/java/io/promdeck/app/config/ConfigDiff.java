package io.promdeck.app.config;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Line differences between a configuration as it is and as edited (java-diff-utils' Myers diff). */
public final class ConfigDiff {

    /** One line of a diff as shown: unchanged, removed (only in the old text) or added (only in the new). */
    public record Line(Kind kind, int oldNumber, int newNumber, String text) {
        public enum Kind {
            SAME, REMOVED, ADDED
        }
    }

    private ConfigDiff() {
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }

    /** Every line of both texts in order, each marked; line numbers are 1-based, 0 where a side has no line. */
    public static List<Line> lines(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int sourceAt = delta.getSource().getPosition();
            while (i < sourceAt) {
                out.add(new Line(Line.Kind.SAME, i + 1, j + 1, a.get(i)));
                i++;
                j++;
            }
            for (String removed : delta.getSource().getLines()) {
                out.add(new Line(Line.Kind.REMOVED, ++i, 0, removed));
            }
            for (String added : delta.getTarget().getLines()) {
                out.add(new Line(Line.Kind.ADDED, 0, ++j, added));
            }
        }
        while (i < a.size()) {
            out.add(new Line(Line.Kind.SAME, i + 1, j + 1, a.get(i)));
            i++;
            j++;
        }
        return out;
    }

    /** A unified diff with 3 lines of context, as {@code diff -u} prints it; "" when the texts are equal. */
    public static String unified(String name, String before, String after) {
        List<String> a = lines(before);
        Patch<String> patch = DiffUtils.diff(a, lines(after));
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, a, patch, 3));
    }

    /** "+3 −1 lines". */
    public static String summary(String before, String after) {
        long added = lines(before, after).stream().filter(l -> l.kind() == Line.Kind.ADDED).count();
        long removed = lines(before, after).stream().filter(l -> l.kind() == Line.Kind.REMOVED).count();
        return "+" + added + " −" + removed + " lines";
    }
}
