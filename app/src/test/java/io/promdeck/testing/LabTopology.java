package io.promdeck.testing;

import java.util.List;
import java.util.stream.Collectors;

/** The ports a lab run chose, known before any config file is written. */
public record LabTopology(List<Integer> prometheusPorts, List<Integer> alertmanagerPorts, List<Integer> clusterPorts) {

    public LabTopology {
        prometheusPorts = List.copyOf(prometheusPorts);
        alertmanagerPorts = List.copyOf(alertmanagerPorts);
        clusterPorts = List.copyOf(clusterPorts);
    }

    public String prometheusName(int index) {
        return "prometheus-" + index;
    }

    public String alertmanagerName(int index) {
        return "alertmanager-" + index;
    }

    /** {@code 127.0.0.1:p0, 127.0.0.1:p1} for a YAML flow list. */
    public String prometheusTargets() {
        return hostPorts(prometheusPorts);
    }

    public String alertmanagerTargets() {
        return hostPorts(alertmanagerPorts);
    }

    private static String hostPorts(List<Integer> ports) {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(", "));
    }
}
