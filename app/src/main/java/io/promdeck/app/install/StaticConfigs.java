package io.promdeck.app.install;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The stack's configuration for processes outside Kubernetes (the workstation's local stack, the tests' lab),
 * rendered by the same renderer as the cluster install — the replica label, its labeldrop, the Alertmanager peers,
 * the rules — with the seeds' other topologies on top: a federating global Prometheus (seed 002), hashmod shards
 * (seeds 001/002), remote storage in InfluxDB (seed 000), Prometheus agents remote-writing to a receiver (seed 003).
 */
public final class StaticConfigs {

    private StaticConfigs() {
    }

    /** A scrape job with static targets. */
    public record Job(String name, List<String> targets) {
        public Job {
            targets = List.copyOf(targets);
        }
    }

    /**
     * What one Prometheus process is in its topology.
     *
     * @param externalLabels labels added to the replica label (data centre, shard); the replica label itself comes
     *                       from the process' POD_NAME, as in the StatefulSet
     * @param jobs           what it scrapes
     * @param shard          which of {@code shards} hashmod shards of every job's targets it keeps; -1 for all
     * @param federate       the Prometheus instances it federates from ({@code /federate}, honor_labels); empty for none
     * @param federateMatch  the {@code match[]} selector of the federation
     * @param remoteWrite    remote_write URLs
     * @param remoteRead     remote_read URLs
     * @param alerting       whether it evaluates the rules and alerts the peers (agents and receivers do not)
     * @param agent          an agent: scrape and remote_write only ({@code --enable-feature=agent})
     * @param readAll        remote reads ask for every series, not only those with this Prometheus' external labels
     *                       ({@code filter_external_labels: false}): a reader of what others wrote
     */
    public record Role(Map<String, String> externalLabels, List<Job> jobs, int shard, int shards, List<String> federate,
            String federateMatch, List<String> remoteWrite, List<String> remoteRead, boolean alerting, boolean agent, boolean readAll) {

        public Role(Map<String, String> externalLabels, List<Job> jobs, int shard, int shards, List<String> federate, String federateMatch,
                List<String> remoteWrite, List<String> remoteRead, boolean alerting, boolean agent) {
            this(externalLabels, jobs, shard, shards, federate, federateMatch, remoteWrite, remoteRead, alerting, agent, false);
        }

        public Role {
            externalLabels = Map.copyOf(externalLabels);
            jobs = List.copyOf(jobs);
            federate = List.copyOf(federate);
            remoteWrite = List.copyOf(remoteWrite);
            remoteRead = List.copyOf(remoteRead);
        }

        /** An HA replica scraping {@code jobs}, alerting the peers. */
        public static Role replica(List<Job> jobs) {
            return new Role(Map.of(), jobs, -1, 0, List.of(), "", List.of(), List.of(), true, false);
        }
    }

    /** The configuration of one Prometheus process of a static (non-Kubernetes) stack. */
    public static String prometheus(StackParameters p, Role role) {
        ObjectNode root = ConfigFiles.prometheusTree(p, Map.of());
        ObjectNode external = (ObjectNode) root.path("global").path("external_labels");
        role.externalLabels().forEach(external::put);
        if (role.agent()) {
            ConfigFiles.agent(root);
        } else if (!role.alerting()) {
            root.remove("alerting");
            root.remove("rule_files");
        }
        ArrayNode jobs = root.putArray("scrape_configs");
        for (Job job : role.jobs()) {
            ObjectNode scrape = jobs.addObject().put("job_name", job.name());
            ArrayNode targets = scrape.putArray("static_configs").addObject().putArray("targets");
            job.targets().forEach(targets::add);
        }
        if (role.shard() >= 0) {
            // The cluster install's shard relabelling, the same function.
            ConfigFiles.shard(root, role.shard(), role.shards());
        }
        if (!role.federate().isEmpty()) {
            ObjectNode federation = jobs.addObject().put("job_name", "federate").put("honor_labels", true).put("metrics_path", "/federate");
            federation.putObject("params").putArray("match[]").add(role.federateMatch());
            ArrayNode targets = federation.putArray("static_configs").addObject().putArray("targets");
            role.federate().forEach(targets::add);
        }
        root.remove("remote_write");
        root.remove("remote_read");
        if (!role.remoteWrite().isEmpty()) {
            ArrayNode write = root.putArray("remote_write");
            role.remoteWrite().forEach(url -> write.addObject().put("url", url));
        }
        if (!role.remoteRead().isEmpty()) {
            ArrayNode read = root.putArray("remote_read");
            for (String url : role.remoteRead()) {
                ObjectNode entry = read.addObject().put("url", url).put("read_recent", true);
                if (role.readAll()) {
                    // By default Prometheus adds its own external labels as matchers to remote reads: a reader would see
                    // only series carrying its own replica label — none of the writers'.
                    entry.put("filter_external_labels", false);
                }
            }
        }
        return ConfigFiles.write(root);
    }

    /** The Alertmanager configuration, as the cluster install renders it. */
    public static String alertmanager(StackParameters p) {
        return ConfigFiles.alertmanager(p);
    }

    /** The rules for the stack's own health, as the cluster install renders them. */
    public static String stackRules(StackParameters p) {
        return ConfigFiles.stackRules(StackRenderer.values(p));
    }
}
