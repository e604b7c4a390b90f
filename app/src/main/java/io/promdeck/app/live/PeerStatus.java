package io.promdeck.app.live;

import io.promdeck.app.alertmanager.AlertmanagerStatus;

/** One Alertmanager peer's cluster view in one refresh, and how many silences it holds. */
public record PeerStatus(AlertmanagerStatus status, int activeSilences, int silences) {
}
