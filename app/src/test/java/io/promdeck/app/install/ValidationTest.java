package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.sandbox.Program;
import io.promdeck.testing.Binaries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rendered configuration through the real promtool and amtool from the Debian packages. */
class ValidationTest {

    private static ToolChecks tools() {
        return new ToolChecks(Optional.of(Binaries.require("promtool")), Optional.of(Binaries.require("amtool")));
    }

    @Test
    void renderedConfigurationPassesTheRealTools() {
        for (Backend backend : Backend.values()) {
            StackParameters p = StackRendererTest.params().with(Map.of("backend", backend.name(), "s3Endpoint", "s3.example:443",
                    "dingtalk", true));
            if (backend == Backend.AGENT) {
                p = p.with(Map.of("grafana", false, "remoteWrite", ScaleOutTopologiesTest.agents().remoteWrite()));
            }
            List<CheckResult> results = tools().check(StackRenderer.render(p, StackRendererTest.SECRETS.withRobots("https://oapi.dingtalk.com/robot/send?access_token=x", "")));

            assertThat(results).as(backend.name()).extracting(CheckResult::name)
                    .containsExactly("promtool check config", "promtool check rules", "amtool check-config");
            assertThat(results).as(backend + ": " + results).allMatch(r -> r.status() == CheckResult.Status.PASSED
                    || backend == Backend.AGENT && r.name().equals("promtool check rules") && r.skipped());
        }
    }

    @Test
    void brokenConfigurationFailsWithTheToolsMessage() {
        RenderedStack stack = StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS);
        Map<String, String> broken = new java.util.LinkedHashMap<>(stack.configFiles());
        broken.put("alertmanager.yml", broken.get("alertmanager.yml").replace("receiver: default", "receiver: nobody"));
        broken.put("stack-rules.yml", broken.get("stack-rules.yml").replace("expr: thanos_compact_halted == 1", "expr: thanos_compact_halted =="));

        List<CheckResult> results = tools().check(new RenderedStack(stack.parameters(), stack.objects(), broken));

        assertThat(results.get(0).status()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(results.get(1)).satisfies(r -> {
            assertThat(r.failed()).isTrue();
            assertThat(r.detail()).contains("parse error");
        });
        assertThat(results.get(2)).satisfies(r -> {
            assertThat(r.failed()).isTrue();
            assertThat(r.detail()).contains("undefined receiver \"nobody\"");
        });
    }

    @Test
    void missingToolsAreReportedAsSkippedNotPassed() {
        List<CheckResult> results = ToolChecks.find(Map.of("PATH", "/nonexistent", Program.SEARCH_PATH, "/nonexistent"), Optional.empty(), Optional.empty())
                .check(StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS));

        assertThat(results).allMatch(r -> r.status() == CheckResult.Status.SKIPPED);
        assertThat(results.get(0).detail()).contains("not installed");
        assertThat(ToolChecks.find(Map.of("PATH", Binaries.require("promtool").getParent().toString()), Optional.empty(),
                Optional.of(Path.of("/nonexistent/amtool"))).check(StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS))
                .get(2).status()).isEqualTo(CheckResult.Status.SKIPPED);
    }

    @Test
    void haInvariantsAreReportedByName() {
        List<CheckResult> ok = HaInvariants.check(StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS));

        assertThat(ok).extracting(CheckResult::name).containsExactly("replica label distinct per pod", "replica label dropped on alerts",
                "Thanos Query replica label matches", "min = max block duration", "exactly one compactor",
                "compactor deduplicates HA replicas (penalty)", "retention at least 3 blocks",
                "Alertmanager peer list matches replicas", "PodDisruptionBudgets present", "no secret at a default value");
        assertThat(ok).allMatch(r -> r.status() == CheckResult.Status.PASSED);

        List<CheckResult> weak = HaInvariants.check(StackRenderer.render(StackRendererTest.params().with(Map.of("dingtalk", true)),
                new StackSecrets("minio", "minio123", "admin", "", "")));
        assertThat(weak).filteredOn(CheckResult::failed).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("no secret at a default value");
            assertThat(r.detail()).contains("grafana-admin/password", "dingtalk-config", "thanos-objstore");
        });
    }

    @Test
    void anEmailReceiverPassesAmtoolAndItsPasswordStaysInTheSecret() throws Exception {
        StackParameters p = StackRendererTest.params().with(Map.of("emailTo", "oncall@corp.example", "smtpSmarthost", "smtp.corp.example:587",
                "smtpFrom", "alerts@corp.example", "smtpUsername", "alerts"));
        RenderedStack stack = StackRenderer.render(p, new StackSecrets("AKIDTEST", "secret/key+1", "grafana-pw", "", "", "", "smtp-pw-1"));

        var config = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(stack.configFiles().get("alertmanager.yml"));
        assertThat(config.at("/global/smtp_smarthost").asText()).isEqualTo("smtp.corp.example:587");
        assertThat(config.at("/global/smtp_auth_password").asText()).isEqualTo("smtp-pw-1");
        assertThat(config.at("/receivers/0/email_configs/0/to").asText()).isEqualTo("oncall@corp.example");
        assertThat(config.at("/receivers/0/webhook_configs/0/url").asText()).startsWith("https://hooks.example/alert");
        assertThat(tools().check(stack)).filteredOn(r -> r.name().equals("amtool check-config")).singleElement()
                .satisfies(r -> assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASSED));
        assertThat(Exporter.maskValue("alertmanager.yml", stack.configFiles().get("alertmanager.yml"))).doesNotContain("smtp-pw-1")
                .contains("smtp_smarthost: smtp.corp.example:587");
        assertThat(ParameterCheck.problems(p.with(Map.of("emailTo", "oncall", "smtpSmarthost", "smtp.corp.example"))))
                .extracting(ParameterProblem::field).containsExactlyInAnyOrder("emailTo", "smtpSmarthost");
        // E-mail alone is somewhere to send alerts.
        assertThat(ParameterCheck.problems(p.with(Map.of("webhookUrl", "")))).isEmpty();
    }
}
