package io.promdeck.app.cluster;

/** The parts of an HA stack the console watches, with the HTTP port each serves by default. */
public enum Component {
    PROMETHEUS("prometheus", 9090),
    ALERTMANAGER("alertmanager", 9093),
    THANOS_QUERY("thanos-query", 10902),
    THANOS_STORE("thanos-store", 10902),
    THANOS_COMPACTOR("thanos-compactor", 10902),
    THANOS_RULER("thanos-ruler", 10902),
    /** The Thanos sidecar in a Prometheus pod: its HTTP port (metrics: uploads to the bucket). */
    THANOS_SIDECAR("thanos-sidecar", 10902),
    GRAFANA("grafana", 3000);

    private final String label;
    private final int defaultPort;

    Component(String label, int defaultPort) {
        this.label = label;
        this.defaultPort = defaultPort;
    }

    /** The {@code app.kubernetes.io/component} value Promdeck's own manifests use. */
    public String label() {
        return label;
    }

    /** How the console names it: "Prometheus", "Thanos Query". */
    public String title() {
        return switch (this) {
            case PROMETHEUS -> "Prometheus";
            case ALERTMANAGER -> "Alertmanager";
            case GRAFANA -> "Grafana";
            default -> "Thanos " + Character.toUpperCase(label.charAt("thanos-".length())) + label.substring("thanos-".length() + 1);
        };
    }

    public int defaultPort() {
        return defaultPort;
    }

    public static java.util.Optional<Component> ofLabel(String label) {
        for (Component c : values()) {
            if (c.label.equals(label)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
