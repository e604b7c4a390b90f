package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.Binaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes alert rule pack as rendered, through the real {@code promtool test rules} and {@code check rules}. */
class KubernetesRulesTest {

    @Test
    void theRulePacksUnitTestsPassInPromtool(@TempDir Path dir) throws Exception {
        RenderedStack stack = StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS);
        Files.writeString(dir.resolve("kubernetes-rules.yml"), stack.configFiles().get("kubernetes-rules.yml"));
        Path tests = dir.resolve("kubernetes-rules-test.yml");
        Files.write(tests, Objects.requireNonNull(getClass().getResourceAsStream("/rules/kubernetes-rules-test.yml")).readAllBytes());

        Process promtool = new ProcessBuilder(Binaries.require("promtool").toString(), "test", "rules", tests.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(promtool.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void everyRuleHasASeverityASummaryAndWhatToDo() throws Exception {
        RenderedStack stack = StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS);
        var root = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(stack.configFiles().get("kubernetes-rules.yml"));
        int rules = 0;
        for (var group : root.path("groups")) {
            for (var rule : group.path("rules")) {
                rules++;
                assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText()).isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as(rule.path("alert").asText()).isNotBlank();
            }
        }
        assertThat(rules).isGreaterThanOrEqualTo(14);
        assertThat(ToolChecks.find(java.util.Map.of("PATH", Binaries.require("promtool").getParent().toString()), java.util.Optional.empty(),
                java.util.Optional.empty()).check(stack)).filteredOn(c -> c.name().equals("promtool check rules")).singleElement()
                .satisfies(c -> assertThat(c.status()).as(c.detail()).isEqualTo(CheckResult.Status.PASSED));
    }
}
