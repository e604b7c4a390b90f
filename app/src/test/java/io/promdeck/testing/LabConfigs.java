package io.promdeck.testing;

/** The lab's default configuration files: HA-shaped like the bundled stack, with short intervals. */
public final class LabConfigs {

    public static final String ALWAYS_FIRING = "LabAlwaysFiring";
    public static final String NEVER_FIRING = "LabNeverFiring";

    private LabConfigs() {
    }

    /** Replaced by the lab with the absolute path of the shared rules file. */
    public static final String RULES_FILE = "RULES_FILE";

    /** Replica {@code index}'s config: distinct {@code replica} external label, dropped on alerts. */
    public static String prometheus(LabTopology topology, int index) {
        return """
                global:
                  scrape_interval: 2s
                  evaluation_interval: 1s
                  external_labels:
                    cluster: lab
                    replica: %s
                alerting:
                  alert_relabel_configs:
                    - action: labeldrop
                      regex: replica
                  alertmanagers:
                    - static_configs:
                        - targets: [%s]
                rule_files:
                  - RULES_FILE
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: [%s]
                  - job_name: alertmanager
                    static_configs:
                      - targets: [%s]
                """.formatted(topology.prometheusName(index), topology.alertmanagerTargets(),
                topology.prometheusTargets(), topology.alertmanagerTargets());
    }

    public static String rules() {
        return """
                groups:
                  - name: lab
                    rules:
                      - alert: %s
                        expr: vector(1)
                        labels:
                          severity: warning
                        annotations:
                          summary: Always fires, so the lab has an alert to deduplicate and silence.
                          runbook_url: http://127.0.0.1:9/runbooks/lab-always-firing
                      - alert: %s
                        expr: vector(1) == 0
                        labels:
                          severity: critical
                        annotations:
                          summary: Never fires.
                """.formatted(ALWAYS_FIRING, NEVER_FIRING);
    }

    /** One route to a webhook when {@code webhookUrl} is set, else to a receiver that sends nothing. */
    public static String alertmanager(String webhookUrl) {
        String receiver = webhookUrl == null
                ? "  - name: lab-receiver\n"
                : "  - name: lab-receiver\n    webhook_configs:\n      - url: " + webhookUrl + "\n        send_resolved: false\n";
        return """
                route:
                  receiver: lab-receiver
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 5s
                  repeat_interval: 1h
                receivers:
                """ + receiver;
    }
}
