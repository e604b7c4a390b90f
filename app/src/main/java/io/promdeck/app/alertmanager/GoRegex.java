package io.promdeck.app.alertmanager;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Regular expressions as Alertmanager compiles them: Go's {@code regexp} (RE2 syntax), fully anchored. RE2/J follows
 * the same syntax with three differences measured against a real Alertmanager (see {@code MatcherAcceptanceIT}):
 * <ul>
 * <li>Go limits nested repetition to 1000 copies of the innermost expression ({@code (a{2}){501}} is "invalid repeat
 *     count"); RE2/J compiles it — and runs out of memory on {@code ((a{100}){100}){100}}. Checked here first.</li>
 * <li>Go accepts the same group name twice; RE2/J refuses it. Names do not change what matches, so groups are
 *     compiled unnamed.</li>
 * <li>{@code (?<name>…)} is Go 1.22's; Alertmanagers built with an older Go refuse it (the dialect says which).</li>
 * </ul>
 */
public final class GoRegex {

    /** Go's limit on the copies nested {@code {n,m}} repetitions may make. */
    static final int MAX_REPEAT = 1000;

    private GoRegex() {
    }

    /**
     * Compiles {@code value} as Alertmanager would ({@code ^(?:value)$}).
     *
     * @param angleNames whether {@code (?<name>…)} is accepted (Go 1.22 and later)
     * @throws MatcherSyntaxException with the 0-based position in {@code value} where it is known, else 0
     */
    public static Pattern compile(String value, boolean angleNames) {
        Node root = structure(value, angleNames);
        checkRepeats(root);
        try {
            return Pattern.compile("^(?:" + unnamed(value) + ")$");
        } catch (PatternSyntaxException e) {
            throw new MatcherSyntaxException(0, e.getDescription() + (e.getPattern().isEmpty() ? "" : ": `" + shownPattern(e.getPattern()) + "`"));
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw new MatcherSyntaxException(0, "the expression is too large");
        }
    }

    /** RE2/J reports the anchored pattern; show what the operator wrote. */
    private static String shownPattern(String pattern) {
        if (pattern.startsWith("^(?:") && pattern.endsWith(")$")) {
            return pattern.substring(4, pattern.length() - 2);
        }
        return pattern;
    }

    // --- a scan of the structure: groups, repetitions and what they apply to ------------------------------------

    /** A group (or the whole expression) with its items, or a repetition of one item, or a single atom. */
    private static final class Node {
        final List<Node> children = new ArrayList<>();
        final int min;
        final int max;
        final boolean repeat;
        final int position;

        Node(boolean repeat, int min, int max, int position) {
            this.repeat = repeat;
            this.min = min;
            this.max = max;
            this.position = position;
        }

        static Node atom() {
            return new Node(false, 0, 0, 0);
        }
    }

    private static Node structure(String s, boolean angleNames) {
        List<Node> stack = new ArrayList<>();
        stack.add(new Node(false, 0, 0, 0));
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            List<Node> items = stack.get(stack.size() - 1).children;
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && s.charAt(i + 1) == 'Q') {
                        int end = s.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        for (int k = i + 2; k < stop; k++) {
                            items.add(Node.atom());
                        }
                        i = end < 0 ? n : end + 2;
                    } else {
                        i = skipEscape(s, i);
                        items.add(Node.atom());
                    }
                }
                case '[' -> {
                    i = skipClass(s, i);
                    items.add(Node.atom());
                }
                case '(' -> {
                    if (s.startsWith("(?<", i) && !s.startsWith("(?<=", i) && !s.startsWith("(?<!", i) && !angleNames) {
                        throw new MatcherSyntaxException(i, "invalid or unsupported Perl syntax: `(?<` (named groups are written (?P<name>…) "
                                + "for this Alertmanager, built with a Go older than 1.22)");
                    }
                    if (s.startsWith("(?", i) && !s.startsWith("(?P<", i) && !s.startsWith("(?<", i)) {
                        int close = flagsEnd(s, i + 2);
                        if (close < n && s.charAt(close) == ')') {
                            i = close + 1;
                            continue;
                        }
                    }
                    stack.add(new Node(false, 0, 0, i));
                    i = groupBodyStart(s, i);
                }
                case ')' -> {
                    if (stack.size() > 1) {
                        Node group = stack.remove(stack.size() - 1);
                        stack.get(stack.size() - 1).children.add(group);
                    }
                    i++;
                }
                case '*', '+', '?' -> {
                    wrapLast(items, 0, -1, i, false);
                    i++;
                }
                case '{' -> {
                    int[] repeat = repeatSpec(s, i);
                    if (repeat == null) {
                        items.add(Node.atom());
                        i++;
                    } else {
                        wrapLast(items, repeat[0], repeat[1], i, true);
                        i = repeat[2];
                    }
                }
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n) {
                        i++;
                    }
                    items.add(Node.atom());
                    i++;
                }
            }
        }
        while (stack.size() > 1) {
            Node group = stack.remove(stack.size() - 1);
            stack.get(stack.size() - 1).children.add(group);
        }
        return stack.get(0);
    }

    private static void wrapLast(List<Node> items, int min, int max, int position, boolean counted) {
        if (items.isEmpty()) {
            return;
        }
        Node last = items.remove(items.size() - 1);
        Node repeat = new Node(counted, min, max, position);
        repeat.children.add(last);
        items.add(repeat);
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}: [min, max (-1 for none), index after]; null when literal. */
    private static int[] repeatSpec(String s, int i) {
        int j = i + 1;
        int minStart = j;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        if (j == minStart || j >= s.length()) {
            return null;
        }
        int min = parse(s.substring(minStart, j));
        int max = min;
        if (s.charAt(j) == ',') {
            j++;
            int maxStart = j;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
            }
            max = j == maxStart ? -1 : parse(s.substring(maxStart, j));
        }
        if (j >= s.length() || s.charAt(j) != '}') {
            return null;
        }
        return new int[] {min, max, j + 1};
    }

    private static int parse(String digits) {
        return digits.length() > 6 ? Integer.MAX_VALUE / 2 : Integer.parseInt(digits);
    }

    private static int skipEscape(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) {
            return n;
        }
        char e = s.charAt(i + 1);
        if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < n && s.charAt(i + 2) == '{') {
            int close = s.indexOf('}', i + 3);
            return close < 0 ? n : close + 1;
        }
        if (e == 'x') {
            return Math.min(n, i + 4);
        }
        if ((e == 'p' || e == 'P') && i + 2 < n) {
            return i + 3;
        }
        return Character.isHighSurrogate(e) && i + 2 < n ? i + 3 : i + 2;
    }

    /** The index after the class that opens at {@code i} (its end, when it is never closed). */
    private static int skipClass(String s, int i) {
        int n = s.length();
        int j = i + 1;
        if (j < n && s.charAt(j) == '^') {
            j++;
        }
        if (j < n && s.charAt(j) == ']') {
            j++;
        }
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\') {
                j = skipEscape(s, j);
                continue;
            }
            if (c == '[' && j + 1 < n && s.charAt(j + 1) == ':') {
                int close = s.indexOf(":]", j + 2);
                if (close >= 0) {
                    j = close + 2;
                    continue;
                }
            }
            if (c == ']') {
                return j + 1;
            }
            j++;
        }
        return n;
    }

    private static int flagsEnd(String s, int from) {
        int j = from;
        while (j < s.length() && "imsU-".indexOf(s.charAt(j)) >= 0) {
            j++;
        }
        return j;
    }

    /** Where the body of the group opening at {@code i} starts: after {@code (}, {@code (?:}, {@code (?i:} or a name. */
    private static int groupBodyStart(String s, int i) {
        if (s.startsWith("(?P<", i) || s.startsWith("(?<", i)) {
            int close = s.indexOf('>', i);
            return close < 0 ? s.length() : close + 1;
        }
        if (s.startsWith("(?", i)) {
            int j = flagsEnd(s, i + 2);
            return j < s.length() && s.charAt(j) == ':' ? j + 1 : j;
        }
        return i + 1;
    }

    /** Go's rule: a counted repetition may make at most 1000 copies of what it nests, all levels multiplied. */
    private static void checkRepeats(Node node) {
        if (node.repeat && (node.min >= 2 || node.max >= 2) && !valid(node, MAX_REPEAT)) {
            throw new MatcherSyntaxException(node.position, "invalid repeat count: the nested repetitions make more than "
                    + MAX_REPEAT + " copies (Alertmanager refuses them)");
        }
        for (Node child : node.children) {
            checkRepeats(child);
        }
    }

    private static boolean valid(Node node, int n) {
        int limit = n;
        if (node.repeat) {
            int m = node.max;
            if (m == 0) {
                return true;
            }
            if (m < 0) {
                m = node.min;
            }
            if (m > limit) {
                return false;
            }
            if (m > 0) {
                limit /= m;
            }
        }
        for (Node child : node.children) {
            if (!valid(child, limit)) {
                return false;
            }
        }
        return true;
    }

    // --- named groups compiled unnamed --------------------------------------------------------------------------

    /**
     * The expression with {@code (?P<name>} and {@code (?<name>} written as plain {@code (}: the same matches, and
     * Go's acceptance of a name used twice kept. Escapes, {@code \Q…\E} and classes are copied as they are.
     */
    static String unnamed(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                int end;
                if (i + 1 < n && s.charAt(i + 1) == 'Q') {
                    int close = s.indexOf("\\E", i + 2);
                    end = close < 0 ? n : close + 2;
                } else {
                    end = skipEscape(s, i);
                }
                out.append(s, i, end);
                i = end;
            } else if (c == '[') {
                int end = skipClass(s, i);
                out.append(s, i, end);
                i = end;
            } else if ((s.startsWith("(?P<", i) || s.startsWith("(?<", i)) && !s.startsWith("(?<=", i) && !s.startsWith("(?<!", i)) {
                int open = s.indexOf('<', i);
                int close = s.indexOf('>', open);
                String name = close < 0 ? null : s.substring(open + 1, close);
                if (name == null || name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || Character.isLetterOrDigit(ch) && ch < 128)) {
                    // Leave it to RE2/J, which reports the bad name as Go does.
                    out.append(c);
                    i++;
                } else {
                    out.append('(');
                    i = close + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
