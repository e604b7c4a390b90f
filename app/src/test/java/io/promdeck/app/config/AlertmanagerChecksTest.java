package io.promdeck.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promdeck.app.input.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerChecksTest {

    private static List<ConfigProblem> alertmanager(String yaml) throws Exception {
        List<ConfigProblem> problems = new ArrayList<>();
        AlertmanagerChecks.alertmanager(new YAMLMapper().readTree(yaml), YamlDocument.parse(yaml), problems);
        return problems;
    }

    @Test
    void aReceiverNamedTwiceAndARouteToAnUndefinedOneAreErrorsAtTheirLines() throws Exception {
        String yaml = """
                route:
                  receiver: team
                  group_wait: 30 seconds
                  routes:
                    - receiver: nobody
                receivers:
                  - name: team
                  - name: team
                  - webhook_configs: []
                """;
        List<ConfigProblem> problems = alertmanager(yaml);
        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(8, "the receiver 'team' is defined twice"),
                org.assertj.core.groups.Tuple.tuple(9, "a receiver needs a name"),
                org.assertj.core.groups.Tuple.tuple(5, "the route names the receiver 'nobody', which is not defined"),
                org.assertj.core.groups.Tuple.tuple(3, "'30 seconds' is not a duration such as 30s, 5m or 1h"));
        assertThat(problems).allMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
    }

    @Test
    void aValidConfigurationHasNoProblem() throws Exception {
        assertThat(alertmanager("""
                route:
                  receiver: team
                  routes:
                    - receiver: team
                      matchers: ['severity="critical"']
                inhibit_rules:
                  - source_matchers: ['severity="critical"']
                    target_matchers: ['severity="warning"']
                receivers:
                  - name: team
                """)).isEmpty();
    }

    @Test
    void anInhibitMatcherThatDoesNotParseIsNamed() throws Exception {
        List<ConfigProblem> problems = alertmanager("""
                route:
                  receiver: team
                inhibit_rules:
                  - source_matchers: ['severity=~"("']
                receivers:
                  - name: team
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("source_matchers: 'severity=~\"(\"': ");
        });
    }
}
