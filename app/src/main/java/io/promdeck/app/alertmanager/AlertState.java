package io.promdeck.app.alertmanager;

/** {@code status.state} of an Alertmanager alert. Inhibited alerts are suppressed with {@code inhibitedBy} set. */
public enum AlertState {
    ACTIVE, SUPPRESSED, UNPROCESSED;

    public static AlertState parse(String text) {
        if (text == null) {
            return UNPROCESSED;
        }
        return switch (text) {
            case "active" -> ACTIVE;
            case "suppressed" -> SUPPRESSED;
            default -> UNPROCESSED;
        };
    }
}
