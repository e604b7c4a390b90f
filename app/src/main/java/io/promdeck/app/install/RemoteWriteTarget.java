package io.promdeck.app.install;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * An extra place every Prometheus of the stack remote-writes to (seed 003's GreptimeDB, a central receiving
 * Prometheus, any remote-write endpoint) — the receiver Prometheus agents write to in agent mode. Credentials never
 * appear here: they stay in a Secret the operator names, in the stack's namespace, mounted into the Prometheus pods
 * and read as files ({@code password} for basic auth, {@code token} for a bearer token).
 *
 * <p>Typed as one line: {@code URL [name=N] [secret=S] [auth=basic|bearer] [user=U] [maxShards=N] [capacity=N]
 * [maxSamplesPerSend=N]}, e.g. {@code http://greptime.db:4000/v1/prometheus/write?db=public secret=greptime auth=basic user=prom}.
 *
 * @param name              unique among the targets; the remote_write queue's name in Prometheus' metrics
 * @param secret            the Secret holding the credentials; empty for none
 * @param user              the basic-auth user (Prometheus 2.42 reads only the password from a file)
 * @param maxShards         queue_config.max_shards; null for Prometheus' default
 * @param capacity          queue_config.capacity; null for the default
 * @param maxSamplesPerSend queue_config.max_samples_per_send; null for the default
 */
public record RemoteWriteTarget(String name, String url, String secret, Auth auth, String user, Integer maxShards, Integer capacity,
        Integer maxSamplesPerSend) {

    /** How Prometheus authenticates to the receiver. */
    public enum Auth {
        NONE, BASIC, BEARER
    }

    /** Where the Prometheus pods see a target's Secret: one folder per Secret. */
    static final String SECRET_DIR = "/etc/prometheus/remote-write";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final List<String> KEYS = List.of("name", "secret", "auth", "user", "maxShards", "capacity", "maxSamplesPerSend");

    public RemoteWriteTarget {
        name = name == null ? "" : name;
        secret = secret == null ? "" : secret;
        auth = auth == null ? Auth.NONE : auth;
        user = user == null ? "" : user;
    }

    /** The mounted file Prometheus reads the password or token from. */
    public String credentialsFile() {
        return SECRET_DIR + "/" + secret + "/" + (auth == Auth.BEARER ? "token" : "password");
    }

    /** @throws IllegalArgumentException with what is wrong, in words an operator can act on */
    public static RemoteWriteTarget parse(String line, int index) {
        String[] words = line.strip().split("\\s+");
        HttpUrl url = HttpUrl.parse(words[0]);
        if (words[0].isEmpty() || url == null || url.host().isEmpty()) {
            throw new IllegalArgumentException("'" + words[0] + "' is not an http:// or https:// URL (the line starts with the receiver's URL)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            String key = eq < 0 ? words[i] : words[i].substring(0, eq);
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("'" + words[i] + "' is not one of " + String.join("=…, ", KEYS) + "=…");
            }
            options.put(key, words[i].substring(eq + 1));
        }
        String name = options.getOrDefault("name", "remote-" + index);
        if (!NAME.matcher(name).matches() || name.length() > 50) {
            throw new IllegalArgumentException("name '" + name + "' must be lower-case letters, digits or '-'");
        }
        String secret = options.getOrDefault("secret", "");
        if (!secret.isEmpty() && !NAME.matcher(secret).matches()) {
            throw new IllegalArgumentException("secret '" + secret + "' is not a Secret name");
        }
        Auth auth;
        try {
            auth = Auth.valueOf(options.getOrDefault("auth", secret.isEmpty() ? "none" : "basic").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth '" + options.get("auth") + "' is not basic, bearer or none");
        }
        if (auth != Auth.NONE && secret.isEmpty()) {
            throw new IllegalArgumentException("auth=" + auth.name().toLowerCase(Locale.ROOT) + " needs secret=NAME: the Secret holding the "
                    + (auth == Auth.BEARER ? "token (key 'token')" : "password (key 'password')"));
        }
        String user = options.getOrDefault("user", "");
        if (auth == Auth.BASIC && user.isEmpty()) {
            throw new IllegalArgumentException("auth=basic needs user=NAME (the password comes from the Secret's key 'password')");
        }
        return new RemoteWriteTarget(name, words[0], secret, auth, user, positive(options, "maxShards"), positive(options, "capacity"),
                positive(options, "maxSamplesPerSend"));
    }

    /** The targets of a text field or file: one per line; blank lines are skipped. Problems name the line. */
    public static List<RemoteWriteTarget> parseAll(String text, List<String> problems) {
        List<RemoteWriteTarget> targets = new ArrayList<>();
        List<String> lines = text == null ? List.of() : text.lines().filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < lines.size(); i++) {
            try {
                RemoteWriteTarget target = parse(lines.get(i), i);
                if (targets.stream().anyMatch(t -> t.name().equals(target.name()))) {
                    problems.add("line " + (i + 1) + ": the name '" + target.name() + "' is used twice");
                }
                targets.add(target);
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return targets;
    }

    /** The one-line form {@link #parse} reads. */
    public String toLine() {
        StringBuilder line = new StringBuilder(url).append(" name=").append(name);
        if (!secret.isEmpty()) {
            line.append(" secret=").append(secret).append(" auth=").append(auth.name().toLowerCase(Locale.ROOT));
        }
        if (!user.isEmpty()) {
            line.append(" user=").append(user);
        }
        if (maxShards != null) {
            line.append(" maxShards=").append(maxShards);
        }
        if (capacity != null) {
            line.append(" capacity=").append(capacity);
        }
        if (maxSamplesPerSend != null) {
            line.append(" maxSamplesPerSend=").append(maxSamplesPerSend);
        }
        return line.toString();
    }

    private static Integer positive(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " '" + value + "' must be a whole number above 0");
    }
}
