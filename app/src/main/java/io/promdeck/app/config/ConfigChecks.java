package io.promdeck.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promdeck.app.config.ConfigProblem.Severity;
import io.promdeck.app.input.YamlDocument;
import io.promdeck.app.install.CheckResult;
import io.promdeck.app.install.ToolChecks;
import io.promdeck.app.promql.PromDuration;
import io.promdeck.app.promql.PromQl;
import io.promdeck.app.promql.PromQlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything checked before an edited configuration is written: the YAML (with the line of each problem), the
 * structure each component requires, every rule expression (Promdeck's PromQL parser), the routing tree's matchers and
 * receivers, the HA invariants against the configuration it replaces (the replica label and its labeldrop kept,
 * alerts still sent), and promtool / amtool where installed. ERROR problems block the write; HA problems need an
 * explicit override.
 */
public final class ConfigChecks {

    private static final YAMLMapper YAML = new YAMLMapper();
    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static final Set<String> PROMETHEUS_TOP = Set.of("global", "alerting", "rule_files", "scrape_configs", "remote_write", "remote_read",
            "storage", "tracing", "scrape_config_files", "runtime", "otlp");

    private final ToolChecks tools;

    public ConfigChecks(ToolChecks tools) {
        this.tools = tools;
    }

    /**
     * @param before the configuration as it is now (for the HA comparison); null when there is none
     */
    public List<ConfigProblem> check(ConfigKind kind, String fileName, String before, String after, String replicaLabel) {
        List<ConfigProblem> problems = new ArrayList<>();
        YamlDocument document;
        JsonNode tree;
        try {
            document = YamlDocument.parse(after);
            tree = YAML.readTree(after);
        } catch (YamlDocument.Problem e) {
            problems.add(new ConfigProblem(Severity.ERROR, e.line(), strip(e.getMessage()), "YAML"));
            return problems;
        } catch (IOException e) {
            problems.add(new ConfigProblem(Severity.ERROR, 0, "not YAML: " + e.getMessage(), "YAML"));
            return problems;
        }
        if (tree == null || !tree.isObject()) {
            problems.add(new ConfigProblem(Severity.ERROR, 1, "the file must be a YAML mapping", "structure"));
            return problems;
        }
        switch (kind) {
            case PROMETHEUS -> prometheus(tree, document, before, replicaLabel, problems);
            case RULES -> rules(tree, document, problems);
            case ALERTMANAGER -> AlertmanagerChecks.alertmanager(tree, document, problems);
            case ALERTMANAGER_CONFIG -> AlertmanagerChecks.alertmanagerConfig(tree, document, problems);
            case PROMETHEUS_SPEC -> prometheusSpec(tree, document, before, problems);
        }
        if (problems.stream().noneMatch(p -> p.severity() == Severity.ERROR)) {
            problems.addAll(tool(kind, fileName, after));
        }
        return problems;
    }

    /** "line 3: x" → "x": the line is carried apart. */
    private static String strip(String message) {
        return message.replaceFirst("^line \\d+: ", "");
    }

    private List<ConfigProblem> tool(ConfigKind kind, String fileName, String text) {
        CheckResult result = switch (kind) {
            case PROMETHEUS -> tools.checkPrometheusConfig(text);
            case RULES -> tools.checkRules(fileName, text);
            case ALERTMANAGER -> tools.checkAlertmanager(text);
            // As the operator would: the configuration it generates from the spec, checked by amtool / promtool.
            case ALERTMANAGER_CONFIG -> tools.checkAlertmanager(generated(fileName, text, true));
            case PROMETHEUS_SPEC -> tools.checkPrometheusConfig(generated(fileName, text, false));
        };
        if (result.failed()) {
            return List.of(new ConfigProblem(Severity.ERROR, ToolChecks.lineIn(result.detail()), result.detail(), result.name()));
        }
        if (result.skipped()) {
            return List.of(new ConfigProblem(Severity.WARNING, 0, result.detail(), result.name()));
        }
        return List.of();
    }

    // --- Prometheus ---------------------------------------------------------------------------------------------

    private static void prometheus(JsonNode tree, YamlDocument doc, String before, String replicaLabel, List<ConfigProblem> problems) {
        unknownKeys(tree, PROMETHEUS_TOP, doc, problems, "Prometheus");
        JsonNode global = tree.path("global");
        for (String key : List.of("scrape_interval", "scrape_timeout", "evaluation_interval")) {
            duration(global.path(key), doc, problems, "global", key);
        }
        global.path("external_labels").fieldNames().forEachRemaining(name -> {
            if (!LABEL_NAME.matcher(name).matches()) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("global", "external_labels", name), "'" + name
                        + "' is not a valid label name", "structure"));
            }
        });
        Set<String> jobs = new HashSet<>();
        JsonNode scrapes = tree.path("scrape_configs");
        for (int i = 0; i < scrapes.size(); i++) {
            JsonNode job = scrapes.get(i);
            String name = job.path("job_name").asText("");
            if (name.isEmpty()) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("scrape_configs", i), "a scrape config needs a job_name", "structure"));
            } else if (!jobs.add(name)) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("scrape_configs", i, "job_name"), "the job name '" + name
                        + "' appears twice (Prometheus refuses duplicate job names)", "structure"));
            }
            for (String key : List.of("scrape_interval", "scrape_timeout")) {
                duration(job.path(key), doc, problems, "scrape_configs", i, key);
            }
        }
        JsonNode ruleFiles = tree.path("rule_files");
        if (!ruleFiles.isMissingNode() && !ruleFiles.isArray()) {
            problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("rule_files"), "rule_files must be a list of paths", "structure"));
        }
        if (before != null && replicaLabel != null && !replicaLabel.isEmpty()) {
            haInvariants(tree, doc, before, replicaLabel, problems);
        }
    }

    /** What the replaced configuration had for HA and the edited one would lose. */
    private static void haInvariants(JsonNode after, YamlDocument doc, String before, String replicaLabel, List<ConfigProblem> problems) {
        JsonNode old;
        try {
            old = YAML.readTree(before);
        } catch (IOException e) {
            return;
        }
        if (old == null) {
            return;
        }
        boolean hadLabel = old.path("global").path("external_labels").has(replicaLabel);
        boolean hasLabel = after.path("global").path("external_labels").has(replicaLabel);
        if (hadLabel && !hasLabel) {
            problems.add(new ConfigProblem(Severity.HA, doc.lineAt("global", "external_labels"), "the replica label '" + replicaLabel
                    + "' is removed from external_labels: the replicas' series can no longer be told apart, and Thanos Query cannot "
                    + "deduplicate them", "HA"));
        }
        if (drops(old, replicaLabel) && !drops(after, replicaLabel)) {
            problems.add(new ConfigProblem(Severity.HA, doc.lineAt("alerting"), "alerts would keep the replica label '" + replicaLabel
                    + "' (its labeldrop in alerting.alert_relabel_configs is gone): Alertmanager sees each alert once per replica and "
                    + "notifies each", "HA"));
        }
        int hadTargets = old.path("alerting").path("alertmanagers").size();
        int hasTargets = after.path("alerting").path("alertmanagers").size();
        if (hadTargets > 0 && hasTargets == 0) {
            problems.add(new ConfigProblem(Severity.HA, doc.lineAt("alerting"), "no Alertmanager is configured any more: alerts would go "
                    + "nowhere", "HA"));
        }
    }

    private static boolean drops(JsonNode config, String replicaLabel) {
        for (JsonNode rule : config.path("alerting").path("alert_relabel_configs")) {
            String action = rule.path("action").asText("replace");
            String regex = rule.path("regex").asText("");
            if (action.equals("labeldrop") && replicaLabel.matches(regex)) {
                return true;
            }
            if (action.equals("labelkeep") && !replicaLabel.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    // --- rules --------------------------------------------------------------------------------------------------

    private static void rules(JsonNode tree, YamlDocument doc, List<ConfigProblem> problems) {
        unknownKeys(tree, Set.of("groups"), doc, problems, "a rule file");
        JsonNode groups = tree.path("groups");
        if (!groups.isArray()) {
            problems.add(new ConfigProblem(Severity.ERROR, 1, "a rule file needs a list of groups", "structure"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            JsonNode group = groups.get(g);
            String name = group.path("name").asText("");
            if (name.isEmpty()) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("groups", g), "a group needs a name", "structure"));
            } else if (!names.add(name)) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("groups", g, "name"), "the group name '" + name + "' appears twice",
                        "structure"));
            }
            duration(group.path("interval"), doc, problems, "groups", g, "interval");
            JsonNode rules = group.path("rules");
            for (int r = 0; r < rules.size(); r++) {
                rule(rules.get(r), doc, problems, g, r);
            }
        }
    }

    private static void rule(JsonNode rule, YamlDocument doc, List<ConfigProblem> problems, int g, int r) {
        boolean alert = rule.has("alert");
        boolean record = rule.has("record");
        int line = doc.lineAt("groups", g, "rules", r);
        if (alert == record) {
            problems.add(new ConfigProblem(Severity.ERROR, line, alert ? "a rule cannot be both 'alert' and 'record'"
                    : "a rule needs 'alert' or 'record'", "structure"));
            return;
        }
        if (record && !METRIC_NAME.matcher(rule.path("record").asText()).matches()) {
            problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("groups", g, "rules", r, "record"), "'" + rule.path("record").asText()
                    + "' is not a valid metric name", "structure"));
        }
        if (record && (rule.has("for") || rule.has("annotations"))) {
            problems.add(new ConfigProblem(Severity.ERROR, line, "a recording rule takes no 'for' or 'annotations'", "structure"));
        }
        String expr = rule.path("expr").asText("");
        if (expr.isBlank()) {
            problems.add(new ConfigProblem(Severity.ERROR, line, "a rule needs an expr", "structure"));
        } else {
            try {
                PromQl.parse(expr);
            } catch (PromQlException e) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("groups", g, "rules", r, "expr"), "expr: " + e.located(expr), "PromQL"));
            }
        }
        duration(rule.path("for"), doc, problems, "groups", g, "rules", r, "for");
        rule.path("labels").fieldNames().forEachRemaining(name -> {
            if (!LABEL_NAME.matcher(name).matches()) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("groups", g, "rules", r, "labels", name), "'" + name
                        + "' is not a valid label name", "structure"));
            }
        });
    }

    // --- prometheus-operator resources ---------------------------------------------------------------------------

    /** The configuration the operator generates from a resource's spec ({@code fileName} is "namespace/name"). */
    private static String generated(String fileName, String text, boolean alertmanager) {
        String namespace = fileName.substring(0, fileName.indexOf('/'));
        String name = fileName.substring(fileName.indexOf('/') + 1);
        try {
            JsonNode spec = YAML.readTree(text);
            return YAML.writeValueAsString(alertmanager
                    ? io.promdeck.app.operator.OperatorConversions.checkable(io.promdeck.app.operator.OperatorConversions.alertmanager(namespace, name, spec))
                    : io.promdeck.app.operator.OperatorConversions.prometheusGlobal(namespace, name, spec));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A Prometheus resource's spec: the fields the console understands checked; losing HA against what it replaces flagged. */
    private static void prometheusSpec(JsonNode tree, YamlDocument doc, String before, List<ConfigProblem> problems) {
        for (String key : List.of("replicas", "shards")) {
            JsonNode value = tree.path(key);
            if (!value.isMissingNode() && (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < (key.equals("shards") ? 1 : 0))) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt(key), key + " must be a whole number" + (key.equals("shards") ? " of at least 1"
                        : ", 0 or more"), "structure"));
            }
        }
        for (String key : List.of("scrapeInterval", "scrapeTimeout", "evaluationInterval")) {
            duration(tree.path(key), doc, problems, key);
        }
        tree.path("externalLabels").fieldNames().forEachRemaining(name -> {
            if (!LABEL_NAME.matcher(name).matches()) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("externalLabels", name), "'" + name + "' is not a valid label name",
                        "structure"));
            }
        });
        JsonNode label = tree.path("replicaExternalLabelName");
        if (label.isTextual() && !label.asText().isEmpty() && !LABEL_NAME.matcher(label.asText()).matches()) {
            problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt("replicaExternalLabelName"), "'" + label.asText()
                    + "' is not a valid label name", "structure"));
        }
        if (before == null) {
            return;
        }
        JsonNode old;
        try {
            old = YAML.readTree(before);
        } catch (IOException e) {
            return;
        }
        if (old == null) {
            return;
        }
        if (old.path("replicas").asInt(1) >= 2 && tree.path("replicas").asInt(1) < 2) {
            problems.add(new ConfigProblem(Severity.HA, doc.lineAt("replicas"), "replicas " + old.path("replicas").asInt(1) + " → "
                    + tree.path("replicas").asInt(1) + ": one Prometheus per shard is no longer highly available", "HA"));
        }
        if (!"".equals(old.path("replicaExternalLabelName").asText(null)) && label.isTextual() && label.asText().isEmpty()) {
            problems.add(new ConfigProblem(Severity.HA, doc.lineAt("replicaExternalLabelName"), "an empty replicaExternalLabelName removes the "
                    + "replica label: Thanos Query can no longer deduplicate the replicas, and Alertmanager gets every alert twice", "HA"));
        }
        if (old.path("thanos").isObject() && !tree.path("thanos").isObject()) {
            problems.add(new ConfigProblem(Severity.HA, 1, "the Thanos sidecar would be removed: Thanos Query loses these replicas and "
                    + "their blocks are no longer uploaded", "HA"));
        }
    }

    // --- shared -------------------------------------------------------------------------------------------------

    static void unknownKeys(JsonNode tree, Set<String> known, YamlDocument doc, List<ConfigProblem> problems, String what) {
        Iterator<String> names = tree.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt(name), "'" + name + "' is not a field " + what + " knows (it refuses "
                        + "unknown fields)", "structure"));
            }
        }
    }

    static void duration(JsonNode value, YamlDocument doc, List<ConfigProblem> problems, Object... path) {
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        String text = value.asText();
        if (PromDuration.millis(text) < 0) {
            problems.add(new ConfigProblem(Severity.ERROR, doc.lineAt(path), "'" + text + "' is not a duration such as 30s, 5m or 1h", "structure"));
        }
    }
}
