package io.promdeck.app.config;

/** The configurations the console edits: Prometheus' main file, a rule file, Alertmanager's file. */
public enum ConfigKind {
    PROMETHEUS("Prometheus configuration"),
    RULES("Rule file"),
    ALERTMANAGER("Alertmanager configuration");

    private final String title;

    ConfigKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
