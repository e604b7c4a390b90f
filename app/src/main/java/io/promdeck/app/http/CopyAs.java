package io.promdeck.app.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Copy as": the terminal commands that do what the console does against one endpoint — {@code curl}, {@code kubectl}
 * (through the API server's pod proxy) and {@code amtool}. The bearer token is never written into a command: it is
 * read from {@code $TOKEN} unless the caller passes it explicitly (the operator asked for it).
 */
public final class CopyAs {

    /** Where the token comes from when it is not written into the command. */
    public static final String TOKEN_VARIABLE = "$TOKEN";

    private CopyAs() {
    }

    /**
     * {@code curl} for one request.
     *
     * @param token the token to write into the command; empty writes {@code $TOKEN} (the operator sets it)
     */
    public static Optional<String> curl(Transport transport, String method, String path, Optional<String> token) {
        return transport.address().map(address -> {
            List<String> words = new ArrayList<>(List.of("curl", "-sS"));
            if (!"GET".equals(method)) {
                words.add("-X");
                words.add(method);
            }
            if (address.bearer()) {
                words.add("-H");
                words.add(quote("Authorization: Bearer " + token.orElse(TOKEN_VARIABLE), token.isEmpty()));
            }
            words.add(quote(address.baseUrl() + path, false));
            return String.join(" ", words);
        });
    }

    /**
     * {@code kubectl} for one request through the API server's pod proxy ({@code get --raw} reads, {@code create --raw}
     * posts an empty body); empty for endpoints not reached through the proxy.
     */
    public static Optional<String> kubectl(Transport transport, String context, String method, String path) {
        return transport.address().filter(a -> !a.proxyPath().isEmpty()).map(address -> {
            String raw = quote(address.proxyPath() + path, false);
            String verb = "GET".equals(method) ? "get --raw " + raw : "create --raw " + raw + " -f /dev/null";
            return "kubectl --context " + quote(context, false) + " " + verb;
        });
    }

    private static final java.util.regex.Pattern PROXY_PATH = java.util.regex.Pattern.compile("/namespaces/([^/]+)/pods/([^/:]+):(\\d+)/proxy$");

    /**
     * {@code amtool} with the given arguments against an Alertmanager. amtool cannot send a bearer token on its command
     * line, so an endpoint behind the API server is reached through a {@code kubectl port-forward} started first.
     */
    public static String amtool(Transport transport, String context, List<String> arguments) {
        StringBuilder out = new StringBuilder();
        Optional<Transport.Address> address = transport.address();
        java.util.regex.Matcher proxy = PROXY_PATH.matcher(address.map(Transport.Address::proxyPath).orElse(""));
        String url;
        if (proxy.find()) {
            String port = proxy.group(3);
            out.append("kubectl --context ").append(quote(context, false)).append(" -n ").append(quote(proxy.group(1), false))
                    .append(" port-forward pod/").append(quote(proxy.group(2), false)).append(' ').append(port).append(':').append(port)
                    .append(" & sleep 2; ");
            url = "http://127.0.0.1:" + port;
        } else {
            url = address.map(Transport.Address::baseUrl).orElse("http://127.0.0.1:9093");
        }
        out.append("amtool --alertmanager.url=").append(quote(url, false));
        for (String argument : arguments) {
            out.append(' ').append(quote(argument, false));
        }
        return out.toString();
    }

    /**
     * amtool's arguments for a silence: {@code silence add} with its matchers ({@code name=~"value"}, as
     * {@link #matcher} writes them), author, comment and end.
     */
    public static List<String> silenceAdd(List<String> matchers, String author, String comment, java.time.Instant endsAt) {
        List<String> arguments = new ArrayList<>(List.of("silence", "add", "--author=" + author, "--comment=" + comment,
                "--end=" + endsAt.toString()));
        arguments.addAll(matchers);
        return arguments;
    }

    /** One matcher as amtool reads it: the value double-quoted, so any character survives. */
    public static String matcher(String name, String operator, String value) {
        return name + operator + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * A word for a POSIX shell: left alone when it is plain, else in single quotes; a word meant to expand a variable
     * ({@code $TOKEN}) goes in double quotes.
     */
    static String quote(String word, boolean expands) {
        if (expands) {
            return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`") + "\"";
        }
        if (word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
