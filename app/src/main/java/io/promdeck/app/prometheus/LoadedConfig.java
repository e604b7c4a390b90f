package io.promdeck.app.prometheus;

import java.util.List;
import java.util.Map;

/**
 * The configuration a replica is running, as it serves it ({@code /api/v1/status/config}), with what the HA checks
 * read from it.
 *
 * @param yaml                 the YAML Prometheus reports (its own normalised form)
 * @param hash                 SHA-256 over the canonical form without the replica label given to the client (kept for
 *                             callers that know the label)
 * @param hashWithoutExternalLabels SHA-256 over the canonical form without any external label: equal on replicas whose
 *                             configs differ only in external labels, whatever the replica label is called
 * @param externalLabels       {@code global.external_labels}
 * @param alertRelabelConfigs  {@code alerting.alert_relabel_configs}, each rule's fields as text
 * @param alertmanagerTargets  the static targets of {@code alerting.alertmanagers}, "host:port"
 */
public record LoadedConfig(String yaml, String hash, String hashWithoutExternalLabels, Map<String, String> externalLabels,
        List<Map<String, String>> alertRelabelConfigs, List<String> alertmanagerTargets) {

    public LoadedConfig {
        externalLabels = Map.copyOf(externalLabels);
        alertRelabelConfigs = alertRelabelConfigs.stream().map(Map::copyOf).toList();
        alertmanagerTargets = List.copyOf(alertmanagerTargets);
    }

    /** The first 12 hex digits, enough to tell configurations apart on screen. */
    public String shortHash() {
        return hash.substring(0, 12);
    }

    /**
     * Whether the alert relabelling removes {@code label} before alerts reach Alertmanager: a {@code labeldrop} whose
     * regex matches the name (fully anchored, as Prometheus anchors it), or a {@code labelkeep} whose regex does not.
     */
    public boolean alertRelabelDrops(String label) {
        for (Map<String, String> rule : alertRelabelConfigs) {
            String action = rule.getOrDefault("action", "replace").toLowerCase(java.util.Locale.ROOT);
            String regex = rule.getOrDefault("regex", "(.*)");
            boolean matches;
            try {
                matches = com.google.re2j.Pattern.compile("^(?:" + regex + ")$").matcher(label).matches();
            } catch (com.google.re2j.PatternSyntaxException e) {
                continue;
            }
            if (action.equals("labeldrop") && matches || action.equals("labelkeep") && !matches) {
                return true;
            }
        }
        return false;
    }
}
