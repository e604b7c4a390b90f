package io.promdeck.app.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promdeck.app.config.LoadedMatch;
import org.junit.jupiter.api.Test;

/**
 * What the operator generates from an AlertmanagerConfig and a Prometheus spec, and the comparison with what a peer or
 * replica loaded: equal only when the generated receivers, route and labels are there as generated.
 */
class OperatorConversionsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String SPEC = """
            route:
              receiver: db-oncall
              groupBy: [alertname]
              groupWait: 10s
              matchers:
                - name: team
                  value: db
                - name: severity
                  value: "critical|warning"
                  matchType: "=~"
            receivers:
              - name: db-oncall
                webhookConfigs:
                  - url: http://127.0.0.1:9/db
                    sendResolved: true
                    urlSecret: {name: hooks, key: db}
            inhibitRules:
              - sourceMatch: [{name: severity, value: critical}]
                targetMatch: [{name: severity, value: warning}]
                equal: [alertname]
            """;

    /** The operator's generated configuration for SPEC, as written in its golden files' shape. */
    private static final String LOADED = """
            route:
              receiver: "null"
              routes:
                - receiver: monitoring/team-db/db-oncall
                  group_by: [alertname]
                  group_wait: 10s
                  matchers:
                    - namespace="monitoring"
                    - team="db"
                    - severity=~"critical|warning"
                  continue: true
                - receiver: "null"
            receivers:
              - name: "null"
              - name: monitoring/team-db/db-oncall
                webhook_configs:
                  - url: http://127.0.0.1:9/db
                    send_resolved: true
                    max_alerts: 0
            inhibit_rules:
              - source_matchers: ['namespace="monitoring"', 'severity="critical"']
                target_matchers: ['namespace="monitoring"', 'severity="warning"']
                equal: [alertname]
            """;

    @Test
    void anAlertmanagerConfigBecomesNamespacedReceiversARouteThatContinuesAndNamespacedInhibitRules() throws Exception {
        JsonNode generated = OperatorConversions.alertmanager("monitoring", "team-db", YAML.readTree(SPEC));

        assertThat(generated.path("receivers").get(0).path("name").asText()).isEqualTo("monitoring/team-db/db-oncall");
        assertThat(generated.path("receivers").get(0).path("webhook_configs").get(0).has("url_secret")).as("Secret references left out").isFalse();
        JsonNode route = generated.path("route").path("routes").get(0);
        assertThat(route.path("matchers").toString()).isEqualTo("[\"namespace=\\\"monitoring\\\"\",\"team=\\\"db\\\"\",\"severity=~\\\"critical|warning\\\"\"]");
        assertThat(route.path("continue").asBoolean()).isTrue();
        assertThat(route.path("group_wait").asText()).isEqualTo("10s");
        assertThat(OperatorConversions.snakeName("apiURL")).isEqualTo("api_url");

        assertThat(LoadedMatch.alertmanagerConfig("monitoring", "team-db", SPEC, LOADED).equal()).isTrue();
    }

    @Test
    void whatThePeerLoadedDiffersUntilTheOperatorGeneratedTheEdit() throws Exception {
        LoadedMatch.Match oldUrl = LoadedMatch.alertmanagerConfig("monitoring", "team-db", SPEC.replace("9/db", "9/db-v2"), LOADED);
        assertThat(oldUrl.equal()).isFalse();
        assertThat(oldUrl.differences()).singleElement().asString()
                .isEqualTo("receivers[0].webhook_configs[0].url: written http://127.0.0.1:9/db-v2, loaded http://127.0.0.1:9/db");

        LoadedMatch.Match notThere = LoadedMatch.alertmanagerConfig("monitoring", "team-db", SPEC, """
                route: {receiver: "null"}
                receivers: [{name: "null"}]
                """);
        assertThat(notThere.equal()).isFalse();
        // Another namespace's route with the same receiver name does not count.
        assertThat(LoadedMatch.alertmanagerConfig("payments", "team-db", SPEC, LOADED).equal()).isFalse();
    }

    @Test
    void aPrometheusSpecBecomesTheGlobalSectionWithThePrometheusLabel() throws Exception {
        String spec = "replicas: 2\nscrapeInterval: 30s\nexternalLabels: {cluster: eu-1}\n";
        String loaded = """
                global:
                  scrape_interval: 30s
                  evaluation_interval: 30s
                  external_labels:
                    cluster: eu-1
                    prometheus: monitoring/k8s
                    prometheus_replica: prometheus-k8s-0
                """;

        assertThat(LoadedMatch.prometheusSpec("monitoring", "k8s", spec, loaded, "prometheus_replica").equal()).isTrue();
        assertThat(LoadedMatch.prometheusSpec("monitoring", "k8s", spec.replace("eu-1", "eu-2"), loaded, "prometheus_replica").differences())
                .containsExactly("global.external_labels.cluster: written eu-2, loaded eu-1");
        assertThat(OperatorConversions.prometheusGlobal("monitoring", "k8s", YAML.readTree("prometheusExternalLabelName: \"\"\n"))
                .path("global").path("external_labels").has("prometheus")).isFalse();
    }
}
