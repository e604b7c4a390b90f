package io.promdeck.app.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One notification the local stack's receiver got from an Alertmanager (webhook format version 4).
 *
 * @param receivedAt  when it arrived
 * @param sender      the Alertmanager that sent it, from its external URL ("alertmanager-1"), or the URL when unknown
 * @param receiver    the route's receiver name
 * @param status      "firing" or "resolved"
 * @param groupKey    the alert group it is for
 * @param groupLabels the group's labels
 * @param alerts      the alerts it carries
 * @param truncated   alerts Alertmanager left out (max_alerts)
 * @param answer      the HTTP status the receiver answered with (500 while the "webhook fails" drill runs)
 * @param problem     why the body could not be read; empty for a readable one
 */
public record Notification(Instant receivedAt, String sender, String receiver, String status, String groupKey, Map<String, String> groupLabels,
        List<Item> alerts, int truncated, int answer, String problem) {

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
        problem = problem == null ? "" : problem;
    }

    /** One alert in a notification. */
    public record Item(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt) {
        public Item {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }

        public String name() {
            return labels.getOrDefault("alertname", "");
        }
    }

    public boolean readable() {
        return problem.isEmpty();
    }

    public boolean firing() {
        return "firing".equals(status);
    }

    public boolean delivered() {
        return answer >= 200 && answer < 300;
    }
}
