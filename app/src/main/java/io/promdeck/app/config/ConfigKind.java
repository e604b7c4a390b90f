package io.promdeck.app.config;

/**
 * The configurations the console edits: Prometheus' main file, a rule file, Alertmanager's file; and for a stack run by
 * prometheus-operator the resources it generates them from: an AlertmanagerConfig's spec, a Prometheus resource's spec.
 */
public enum ConfigKind {
    PROMETHEUS("Prometheus configuration"),
    RULES("Rule file"),
    ALERTMANAGER("Alertmanager configuration"),
    ALERTMANAGER_CONFIG("AlertmanagerConfig"),
    PROMETHEUS_SPEC("Prometheus resource");

    private final String title;

    ConfigKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
