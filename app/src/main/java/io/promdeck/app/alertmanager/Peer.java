package io.promdeck.app.alertmanager;

/** An Alertmanager peer the console expects, by the name it shows (pod name or profile entry). */
public record Peer(String name, AlertmanagerClient client) {
}
