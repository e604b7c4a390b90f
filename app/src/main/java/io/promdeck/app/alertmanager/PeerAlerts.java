package io.promdeck.app.alertmanager;

import java.util.List;

/** The alerts one peer answered with, labelled with the peer's name. */
public record PeerAlerts(String peer, List<Alert> alerts) {

    public PeerAlerts {
        alerts = List.copyOf(alerts);
    }
}
