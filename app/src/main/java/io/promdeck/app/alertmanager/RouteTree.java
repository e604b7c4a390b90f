package io.promdeck.app.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager routing tree, read from its configuration, and where an alert with given labels goes — with
 * Alertmanager's own semantics ({@code dispatch.Route.Match}, as {@code amtool config routes test} shows it): a route
 * matches when all its matchers do ({@code matchers}, and the older {@code match}/{@code match_re}); its children
 * are tried in order, the first match ends the search unless it says {@code continue}; when no child matches, the
 * route itself takes the alert. Receiver, group_by and timings are inherited from the parent when not set.
 */
public final class RouteTree {

    /**
     * One route, settings resolved by inheritance.
     *
     * @param path where it is in the tree: "route", "route.routes[1]", "route.routes[1].routes[0]"
     */
    public record Route(String path, String receiver, List<String> groupBy, boolean continueMatching, List<Matcher> matchers,
            String groupWait, String groupInterval, String repeatInterval, List<Route> children) {
        public Route {
            groupBy = List.copyOf(groupBy);
            matchers = List.copyOf(matchers);
            children = List.copyOf(children);
        }

        boolean matches(Map<String, String> labels) {
            return Matchers.allMatch(matchers, labels);
        }
    }

    /** Where an alert goes: the route that takes it, and the routes from the root down to it. */
    public record Destination(Route route, List<Route> trail) {
        public Destination {
            trail = List.copyOf(trail);
        }

        public String receiver() {
            return route.receiver();
        }
    }

    private final Route root;

    private RouteTree(Route root) {
        this.root = root;
    }

    public Route root() {
        return root;
    }

    /**
     * The tree of a parsed Alertmanager configuration.
     *
     * @throws IllegalArgumentException naming the route and what is wrong (no root route, a matcher that does not
     *                                  parse, a route that is not a mapping)
     */
    public static RouteTree of(JsonNode config) {
        JsonNode route = config.path("route");
        if (!route.isObject()) {
            throw new IllegalArgumentException("the configuration has no 'route'");
        }
        String receiver = route.path("receiver").asText("");
        if (receiver.isEmpty()) {
            throw new IllegalArgumentException("route: the root route needs a receiver");
        }
        Route defaults = new Route("", receiver, List.of(), false, List.of(), "30s", "5m", "4h", List.of());
        return new RouteTree(route(route, "route", defaults));
    }

    /**
     * The tree of an Alertmanager configuration as written.
     *
     * @throws IllegalArgumentException for YAML that does not parse (with its line) or a tree {@link #of} refuses
     */
    public static RouteTree ofYaml(String yaml) {
        try {
            io.promdeck.app.input.YamlDocument.parse(yaml);
            return of(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml));
        } catch (io.promdeck.app.input.YamlDocument.Problem e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the YAML does not parse: " + e.getMessage(), e);
        }
    }

    private static Route route(JsonNode node, String path, Route parent) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + ": is not a mapping");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (JsonNode m : node.path("matchers")) {
            try {
                matchers.add(Matchers.parseOne(m.asText()));
            } catch (MatcherSyntaxException e) {
                throw new IllegalArgumentException(path + ".matchers: '" + m.asText() + "': " + e.getMessage());
            }
        }
        node.path("match").fields().forEachRemaining(e -> matchers.add(Matcher.equal(e.getKey(), e.getValue().asText())));
        for (var it = node.path("match_re").fields(); it.hasNext();) {
            var e = it.next();
            try {
                matchers.add(Matcher.of(e.getKey(), MatchType.REGEX, e.getValue().asText()));
            } catch (MatcherSyntaxException ex) {
                throw new IllegalArgumentException(path + ".match_re." + e.getKey() + ": " + ex.getMessage());
            }
        }
        List<String> groupBy = new ArrayList<>();
        if (node.has("group_by")) {
            node.path("group_by").forEach(g -> groupBy.add(g.asText()));
        } else {
            groupBy.addAll(parent.groupBy());
        }
        String receiver = node.path("receiver").asText(parent.receiver());
        Route self = new Route(path, receiver.isEmpty() ? parent.receiver() : receiver, groupBy, node.path("continue").asBoolean(false), matchers,
                node.path("group_wait").asText(parent.groupWait()), node.path("group_interval").asText(parent.groupInterval()),
                node.path("repeat_interval").asText(parent.repeatInterval()), List.of());
        List<Route> children = new ArrayList<>();
        int i = 0;
        for (JsonNode child : node.path("routes")) {
            children.add(route(child, path + ".routes[" + i++ + "]", self));
        }
        return new Route(path, self.receiver(), groupBy, self.continueMatching(), matchers, self.groupWait(), self.groupInterval(),
                self.repeatInterval(), children);
    }

    /** Where an alert with these labels goes, in the order Alertmanager notifies; never empty (the root takes the rest). */
    public List<Destination> route(Map<String, String> labels) {
        List<Destination> out = match(root, labels, List.of());
        return out == null ? List.of(new Destination(root, List.of(root))) : out;
    }

    /** The root matches everything (Alertmanager refuses matchers on it), so only children are tested. */
    private static List<Destination> match(Route route, Map<String, String> labels, List<Route> above) {
        if (!above.isEmpty() && !route.matches(labels)) {
            return null;
        }
        List<Route> trail = new ArrayList<>(above);
        trail.add(route);
        List<Destination> all = new ArrayList<>();
        for (Route child : route.children()) {
            List<Destination> found = match(child, labels, trail);
            if (found != null) {
                all.addAll(found);
                if (!child.continueMatching()) {
                    break;
                }
            }
        }
        if (all.isEmpty()) {
            all.add(new Destination(route, trail));
        }
        return all;
    }

    /** Every receiver name the tree refers to, for checking each exists. */
    public List<String> receivers() {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Route route, List<String> out) {
        out.add(route.receiver());
        route.children().forEach(c -> collect(c, out));
    }

    /**
     * The labels of a routing test as typed: {@code alertname=Watchdog severity="critical"}, separated by spaces or
     * commas, values optionally quoted.
     *
     * @throws IllegalArgumentException naming the item that is not {@code name=value} or a name given twice
     */
    public static Map<String, String> labels(String typed) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        int i = 0;
        int n = typed.length();
        while (i < n) {
            char c = typed.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && typed.charAt(i) != '=' && typed.charAt(i) != ',' && !Character.isWhitespace(typed.charAt(i))) {
                i++;
            }
            String name = typed.substring(start, i);
            if (i >= n || typed.charAt(i) != '=') {
                throw new IllegalArgumentException("'" + name + "' is not name=value (a label name is letters, digits and _)");
            }
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new IllegalArgumentException("'" + name + "' is not a label name (letters, digits and _, not starting with a digit)");
            }
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && typed.charAt(i) == '"') {
                i++;
                while (i < n && typed.charAt(i) != '"') {
                    if (typed.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(typed.charAt(i++));
                }
                if (i >= n) {
                    throw new IllegalArgumentException("the value of '" + name + "' has no closing quote");
                }
                i++;
            } else {
                while (i < n && typed.charAt(i) != ',' && !Character.isWhitespace(typed.charAt(i))) {
                    value.append(typed.charAt(i++));
                }
            }
            if (out.put(name, value.toString()) != null) {
                throw new IllegalArgumentException("label '" + name + "' is given twice");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("type the alert's labels, e.g. alertname=Watchdog severity=critical");
        }
        return out;
    }
}
