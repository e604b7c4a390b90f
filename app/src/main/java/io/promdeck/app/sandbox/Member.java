package io.promdeck.app.sandbox;

import java.util.List;
import java.util.Map;

/**
 * One process of a local stack as planned: what it is, where it listens, its command line and the files it reads.
 *
 * @param group       the HA group a Prometheus belongs to ("ha", "dc1", "shard-0"); "" for the others
 * @param role        what it is in the topology
 * @param port        its HTTP port on 127.0.0.1
 * @param clusterPort Alertmanager's gossip port; 0 for the others
 * @param files       file name → content, written into its folder before it starts
 */
public record Member(String name, Program program, String group, Role role, int port, int clusterPort, List<String> args,
        Map<String, String> environment, Map<String, String> files) {

    public Member {
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
        files = Map.copyOf(files);
    }

    /** What a process is in its topology; the console and the doctor judge each by it. */
    public enum Role {
        /** A Prometheus replica of an HA group. */
        REPLICA,
        /** A Prometheus over other Prometheus (federation, the shards' global view). */
        GLOBAL,
        /** A Prometheus agent: scrapes and remote-writes, no queries, no rules. */
        AGENT,
        /** A Prometheus that receives remote writes. */
        RECEIVER,
        /** A Prometheus that only reads from remote storage. */
        READER,
        ALERTMANAGER,
        NODE_EXPORTER,
        INFLUXDB;

        public boolean prometheus() {
            return this == REPLICA || this == GLOBAL || this == AGENT || this == RECEIVER || this == READER;
        }

        /** What the console and the doctor call a Prometheus of this role; REPLICA for the other programs. */
        public io.promdeck.app.live.PrometheusRole prometheusRole() {
            return switch (this) {
                case GLOBAL -> io.promdeck.app.live.PrometheusRole.GLOBAL;
                case AGENT -> io.promdeck.app.live.PrometheusRole.AGENT;
                case RECEIVER -> io.promdeck.app.live.PrometheusRole.RECEIVER;
                case READER -> io.promdeck.app.live.PrometheusRole.READER;
                default -> io.promdeck.app.live.PrometheusRole.REPLICA;
            };
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }
}
