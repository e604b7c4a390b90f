package io.promdeck.app.doctor;

import java.util.List;

/**
 * What one check found.
 *
 * @param id       stable, for scripts and the JSON output: "prometheus.replica-label"
 * @param title    what is checked, a few words: "Replica label distinct"
 * @param verdict  ok, warn, fail or unknown
 * @param summary  what was found, one sentence
 * @param subjects the nodes of the stack picture it concerns ("prometheus/prometheus-0", "alertmanager/...", "thanos/query",
 *                 ...); empty for the stack as a whole
 * @param evidence the values compared, per replica or peer
 * @param action   what to do, one sentence an operator can act on; empty when ok
 */
public record Finding(String id, String title, Verdict verdict, String summary, List<String> subjects, List<Evidence> evidence,
        String action) {

    public Finding {
        subjects = List.copyOf(subjects);
        evidence = List.copyOf(evidence);
        action = action == null ? "" : action;
    }
}
