package io.promdeck.app.alertmanager;

/**
 * What an Alertmanager accepts as matchers, from its version and the Go it was built with ({@code /api/v2/status}
 * {@code versionInfo}): up to 0.26 the classic parser; from 0.27 the UTF-8 parser with the classic one as fallback;
 * {@code (?<name>…)} in regexes only with Go 1.22 or later.
 */
public record AlertmanagerDialect(String version, String goVersion) {

    /** Debian bookworm's Alertmanager (0.25.0, Go 1.19): the strictest, used until a peer has said what it is. */
    public static final AlertmanagerDialect DEFAULT = new AlertmanagerDialect("0.25.0", "go1.19.8");

    public AlertmanagerDialect {
        version = version == null ? "" : version;
        goVersion = goVersion == null ? "" : goVersion;
    }

    /** Whether the UTF-8 matchers parser comes first (0.27 and later). */
    public boolean utf8Parser() {
        int[] v = numbers(version);
        return v[0] > 0 || v[1] >= 27;
    }

    /** Whether regexes may name groups {@code (?<name>…)} (Go 1.22 and later). */
    public boolean angleNamedGroups() {
        int[] v = numbers(goVersion.startsWith("go") ? goVersion.substring(2) : goVersion);
        return v[0] > 1 || v[0] == 1 && v[1] >= 22;
    }

    /** The syntax this Alertmanager accepts. */
    public MatcherSyntax syntax() {
        return new MatcherSyntax(this);
    }

    /** "Alertmanager 0.25.0 (go1.19.8)" for messages. */
    public String describe() {
        return "Alertmanager " + (version.isEmpty() ? "of an unknown version" : version) + (goVersion.isEmpty() ? "" : " (" + goVersion + ")");
    }

    private static int[] numbers(String text) {
        int[] out = new int[3];
        String[] parts = text.strip().replaceFirst("^v", "").split("[.+-]");
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].replaceAll("\\D.*$", ""));
            } catch (NumberFormatException e) {
                return out;
            }
        }
        return out;
    }
}
