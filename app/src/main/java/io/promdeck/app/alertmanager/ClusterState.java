package io.promdeck.app.alertmanager;

/** {@code cluster.status} of {@code /api/v2/status}. {@code /-/ready} answers 200 already while settling. */
public enum ClusterState {
    READY, SETTLING, DISABLED, UNKNOWN;

    public static ClusterState parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text) {
            case "ready" -> READY;
            case "settling" -> SETTLING;
            case "disabled" -> DISABLED;
            default -> UNKNOWN;
        };
    }
}
