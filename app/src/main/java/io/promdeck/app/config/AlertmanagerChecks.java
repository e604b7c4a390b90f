package io.promdeck.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.promdeck.app.alertmanager.MatcherSyntaxException;
import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.alertmanager.RouteTree;
import io.promdeck.app.config.ConfigProblem.Severity;
import io.promdeck.app.input.YamlDocument;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The structure checks of an Alertmanager configuration and of an AlertmanagerConfig resource's spec: the receivers
 * (named, once each) and the routes naming only those, durations, and every matcher as Alertmanager parses it.
 */
final class AlertmanagerChecks {

    static final Set<String> ALERTMANAGER_TOP = Set.of("global", "route", "receivers", "inhibit_rules", "templates", "mute_time_intervals",
            "time_intervals", "tracing");

    private AlertmanagerChecks() {
    }

    static void alertmanager(JsonNode tree, YamlDocument doc, List<ConfigProblem> problems) {
        ConfigChecks.unknownKeys(tree, ALERTMANAGER_TOP, doc, problems, "Alertmanager");
        Set<String> receivers = receivers(tree, doc, problems);
        try {
            RouteTree routes = RouteTree.of(tree);
            for (String used : new java.util.LinkedHashSet<>(routes.receivers())) {
                if (!receivers.contains(used)) {
                    int line = doc.lineOfValue(used);
                    problems.add(new ConfigProblem(Severity.ERROR, line, "the route names the receiver '" + used + "', which is not defined",
                            "structure"));
                }
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("route"), e.getMessage(), "structure"));
        }
        for (String key : List.of("group_wait", "group_interval", "repeat_interval")) {
            ConfigChecks.duration(tree.path("route").path(key), doc, problems, "route", key);
        }
        JsonNode inhibit = tree.path("inhibit_rules");
        for (int i = 0; i < inhibit.size(); i++) {
            for (String side : List.of("source_matchers", "target_matchers")) {
                JsonNode matchers = inhibit.get(i).path(side);
                for (int m = 0; m < matchers.size(); m++) {
                    try {
                        Matchers.parseOne(matchers.get(m).asText());
                    } catch (MatcherSyntaxException e) {
                        problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("inhibit_rules", i, side, m), side + ": '"
                                + matchers.get(m).asText() + "': " + e.getMessage(), "structure"));
                    }
                }
            }
        }
    }

    // --- AlertmanagerConfig resources (prometheus-operator) -------------------------------------------------------

    static final Set<String> ALERTMANAGER_CONFIG_TOP = Set.of("route", "receivers", "inhibitRules", "muteTimeIntervals", "timeIntervals");
    private static final Set<String> MATCH_TYPES = Set.of("=", "!=", "=~", "!~");

    static void alertmanagerConfig(JsonNode tree, YamlDocument doc, List<ConfigProblem> problems) {
        ConfigChecks.unknownKeys(tree, ALERTMANAGER_CONFIG_TOP, doc, problems, "an AlertmanagerConfig's spec");
        Set<String> receivers = receivers(tree, doc, problems);
        JsonNode route = tree.path("route");
        if (route.isObject()) {
            if (route.path("receiver").asText("").isEmpty()) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("route"), "the top route needs a receiver (the operator refuses the "
                        + "resource without one)", "structure"));
            }
            route(route, receivers, doc, problems, new Object[] {"route"});
        }
        JsonNode inhibit = tree.path("inhibitRules");
        for (int i = 0; i < inhibit.size(); i++) {
            for (String side : List.of("sourceMatch", "targetMatch")) {
                matchers(inhibit.get(i).path(side), doc, problems, "inhibitRules", i, side);
            }
        }
    }

    private static void route(JsonNode route, Set<String> receivers, YamlDocument doc, List<ConfigProblem> problems, Object[] path) {
        String receiver = route.path("receiver").asText("");
        if (!receiver.isEmpty() && !receivers.contains(receiver)) {
            problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt(append(path, "receiver")), "the route names the receiver '" + receiver
                    + "', which is not among this resource's receivers", "structure"));
        }
        for (String key : List.of("groupWait", "groupInterval", "repeatInterval")) {
            ConfigChecks.duration(route.path(key), doc, problems, append(path, key));
        }
        matchers(route.path("matchers"), doc, problems, append(path, "matchers"));
        JsonNode children = route.path("routes");
        for (int i = 0; i < children.size(); i++) {
            route(children.get(i), receivers, doc, problems, append(append(path, "routes"), i));
        }
    }

    /** Matchers as the CRD has them: {@code {name, value, matchType}}, each checked as Alertmanager would parse it. */
    private static void matchers(JsonNode matchers, YamlDocument doc, List<ConfigProblem> problems, Object... path) {
        for (int m = 0; m < matchers.size(); m++) {
            JsonNode matcher = matchers.get(m);
            Object[] at = append(path, m);
            String name = matcher.path("name").asText("");
            String type = matcher.path("matchType").asText("=");
            if (!ConfigChecks.LABEL_NAME.matcher(name).matches()) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt(at), "matcher: '" + name + "' is not a valid label name", "structure"));
            } else if (!MATCH_TYPES.contains(type)) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt(append(at, "matchType")), "matcher " + name + ": matchType '" + type
                        + "' is not one of =, !=, =~, !~", "structure"));
            } else {
                try {
                    Matchers.parseOne(io.promdeck.app.operator.OperatorConversions.matcher(matcher));
                } catch (MatcherSyntaxException e) {
                    problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt(at), "matcher " + name + ": " + e.getMessage(), "structure"));
                }
            }
        }
    }

    private static Object[] append(Object[] path, Object next) {
        Object[] out = java.util.Arrays.copyOf(path, path.length + 1);
        out[path.length] = next;
        return out;
    }

    /** The receivers' names; a receiver without a name, or a name given twice, is an error at its line. */
    private static Set<String> receivers(JsonNode tree, YamlDocument doc, List<ConfigProblem> problems) {
        Set<String> receivers = new HashSet<>();
        JsonNode list = tree.path("receivers");
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).path("name").asText("");
            if (name.isEmpty()) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("receivers", i), "a receiver needs a name", "structure"));
            } else if (!receivers.add(name)) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("receivers", i, "name"), "the receiver '" + name + "' is defined twice",
                        "structure"));
            }
        }
        return receivers;
    }
}
