package io.promdeck.app.install;

import java.util.List;

/** What an apply did: objects written, deleted (orphans), and those that failed with the server's reason. */
public record ApplyReport(List<String> applied, List<String> deleted, List<Failure> failures) {

    public ApplyReport {
        applied = List.copyOf(applied);
        deleted = List.copyOf(deleted);
        failures = List.copyOf(failures);
    }

    /** One object the server refused, e.g. "ClusterRole/promdeck-monitoring-prometheus: forbidden (403): ...". */
    public record Failure(String object, int status, String message) {
        @Override
        public String toString() {
            return object + ": " + (status == 403 ? "forbidden (403)" : "HTTP " + status) + ": " + message;
        }
    }

    public boolean complete() {
        return failures.isEmpty();
    }
}
