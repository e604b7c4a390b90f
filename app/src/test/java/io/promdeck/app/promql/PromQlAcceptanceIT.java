package io.promdeck.app.promql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promdeck.testing.Binaries;
import io.promdeck.testing.Lab;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Promdeck's PromQL parser against the real programs, on the corpus in {@code promql/corpus.txt}: promtool decides what
 * parses; Promdeck must never refuse what promtool accepts, and whatever Promdeck refuses promtool refuses too (promtool
 * refuses more: it checks types). Every accepted expression is then loaded by a real Prometheus as a rule, and the query
 * it re-prints in its rules API must be the same query as the one written. Verdicts in target/promql-verdicts.tsv.
 */
class PromQlAcceptanceIT {

    private static final YAMLMapper YAML = new YAMLMapper();

    static List<String> corpus() throws IOException {
        List<String> out = new ArrayList<>();
        try (var in = PromQlAcceptanceIT.class.getResourceAsStream("/promql/corpus.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    private static String rules(Map<String, String> byName) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode rules = root.putArray("groups").addObject().put("name", "corpus").putArray("rules");
        byName.forEach((name, expr) -> rules.addObject().put("alert", name).put("expr", expr));
        return YAML.writeValueAsString(root);
    }

    private static boolean promtoolAccepts(Path promtool, Path dir, String expr) throws Exception {
        Path file = Files.writeString(dir.resolve("rule.yml"), rules(Map.of("Corpus", expr)));
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    @Test
    void promdeckRefusesNothingPromtoolAcceptsAndPrometheusLoadsTheSameQueriesItWasGiven() throws Exception {
        Path promtool = Binaries.require("promtool");
        Path dir = Files.createTempDirectory("promql-corpus");
        List<String> corpus = corpus();
        List<String> verdicts = new ArrayList<>(List.of("expression\tpromtool\tpromdeck\tpromdeck's message"));
        Map<String, String> accepted = new LinkedHashMap<>();
        List<String> disagreements = new ArrayList<>();
        int onlyPromtoolRefuses = 0;
        for (String expr : corpus) {
            boolean tool = promtoolAccepts(promtool, dir, expr);
            String message = "";
            boolean ours;
            try {
                PromQl.parse(expr);
                ours = true;
            } catch (PromQlException e) {
                ours = false;
                message = e.located(expr);
            }
            verdicts.add(expr + "\t" + (tool ? "accepts" : "refuses") + "\t" + (ours ? "accepts" : "refuses") + "\t" + message);
            if (tool && !ours) {
                disagreements.add("promtool accepts, Promdeck refuses: " + expr + " (" + message + ")");
            }
            if (!tool && ours) {
                onlyPromtoolRefuses++;
            }
            if (tool) {
                accepted.put("Corpus" + accepted.size(), expr);
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/promql-verdicts.tsv"), verdicts);
        assertThat(disagreements).isEmpty();
        assertThat(accepted).as("the corpus has expressions promtool accepts").hasSizeGreaterThan(50);
        assertThat(onlyPromtoolRefuses).as("type errors only promtool finds").isLessThan(12);

        // Load every accepted expression as an alerting rule into a real Prometheus and read back what it loaded.
        String rules = rules(accepted);
        LabOptions options = new LabOptions(1, 0, LabConfigs::prometheus, rules, t -> LabConfigs.alertmanager(null), List.of(), i -> Map.of());
        try (Lab lab = Lab.start(options)) {
            Map<String, String> printed = new LinkedHashMap<>();
            for (var group : lab.prometheus(0).client().rules().orElseThrow()) {
                for (var rule : group.rules()) {
                    printed.put(rule.name(), rule.query());
                }
            }
            assertThat(printed.keySet()).containsExactlyInAnyOrderElementsOf(accepted.keySet());
            List<String> different = new ArrayList<>();
            accepted.forEach((name, expr) -> {
                String back = printed.get(name);
                try {
                    if (!PromQl.parse(back).equals(PromQl.parse(expr))) {
                        different.add(expr + "  ≠  " + back);
                    }
                } catch (PromQlException e) {
                    different.add(expr + "  →  " + back + " does not parse: " + e.located(back));
                }
            });
            assertThat(different).as("queries Prometheus re-printed differently").isEmpty();
        }
    }
}
