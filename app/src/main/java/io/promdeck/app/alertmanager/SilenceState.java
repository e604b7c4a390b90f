package io.promdeck.app.alertmanager;

/** {@code status.state} of a silence. */
public enum SilenceState {
    ACTIVE, PENDING, EXPIRED, UNKNOWN;

    public static SilenceState parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text) {
            case "active" -> ACTIVE;
            case "pending" -> PENDING;
            case "expired" -> EXPIRED;
            default -> UNKNOWN;
        };
    }
}
