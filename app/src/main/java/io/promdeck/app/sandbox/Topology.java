package io.promdeck.app.sandbox;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The local stacks Promdeck can run on the workstation: the seeds' topologies that need no Kubernetes. */
public enum Topology {
    HA("HA pair", "2 Prometheus replicas with distinct replica labels and 3 Alertmanagers in one gossip cluster, a node-exporter, "
            + "and the console's own webhook receiver", EnumSet.of(Program.PROMETHEUS, Program.ALERTMANAGER, Program.NODE_EXPORTER)),
    FEDERATION("Federation", "two data centres' Prometheus pairs and a global Prometheus federating them (honor_labels, match[]) "
            + "— seed 002", EnumSet.of(Program.PROMETHEUS, Program.ALERTMANAGER, Program.NODE_EXPORTER)),
    SHARDING("Hashmod sharding", "2 shards × 2 replicas splitting the targets by hashmod relabelling, and a global Prometheus over the "
            + "shards — seeds 001/002", EnumSet.of(Program.PROMETHEUS, Program.ALERTMANAGER, Program.NODE_EXPORTER)),
    REMOTE_STORAGE("Remote storage", "the HA pair writing to and reading from InfluxDB 1.x through its Prometheus endpoints, and a "
            + "Prometheus that only reads from it — seed 000", EnumSet.of(Program.PROMETHEUS, Program.ALERTMANAGER, Program.NODE_EXPORTER,
            Program.INFLUXDB)),
    AGENT("Agent mode", "2 Prometheus agents remote-writing to a receiving Prometheus (--web.enable-remote-write-receiver) — seed 003",
            EnumSet.of(Program.PROMETHEUS, Program.ALERTMANAGER, Program.NODE_EXPORTER));

    private final String title;
    private final String description;
    private final Set<Program> programs;

    Topology(String title, String description, Set<Program> programs) {
        this.title = title;
        this.description = description;
        this.programs = programs;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Set<Program> programs() {
        return programs;
    }

    /** "ha", "federation", "sharding", "remote-storage", "agent": the name on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Topology> ofCliName(String name) {
        for (Topology t : values()) {
            if (t.cliName().equals(name) || t.name().equalsIgnoreCase(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
