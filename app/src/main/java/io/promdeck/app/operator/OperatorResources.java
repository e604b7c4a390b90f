package io.promdeck.app.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads prometheus-operator's resources ({@code monitoring.coreos.com/v1}) in the stack namespace as generic resources:
 * the few fields the console needs are read by path, so any operator version's resources are read (typed models would
 * pin one version's schema and refuse fields they do not know). Blocking: call it off the UI thread.
 */
public final class OperatorResources {

    public static final String GROUP = "monitoring.coreos.com";
    public static final String VERSION = GROUP + "/v1";
    /** The operator's default replica label when {@code replicaExternalLabelName} is not set. */
    public static final String DEFAULT_REPLICA_LABEL = "prometheus_replica";

    /** A {@code Prometheus} or {@code PrometheusAgent} resource, with the defaults the operator applies. */
    public record Prometheus(String kind, String namespace, String name, int replicas, int shards, String replicaLabel, boolean thanosSidecar) {
        /** The Prometheus pods the resource asks for: replicas in every shard. */
        public int pods() {
            return replicas * shards;
        }
    }

    /** An {@code Alertmanager} or {@code ThanosRuler} resource. */
    public record Replicated(String kind, String namespace, String name, int replicas) {
    }

    /** A monitor ({@code ServiceMonitor}, {@code PodMonitor}, {@code Probe}, {@code ScrapeConfig}) and the scrape pools it becomes. */
    /**
     * @param notSelected why no Prometheus resource picks it up (its labels or namespace do not match their selectors);
     *                    "" when one does, or when that is not known
     */
    public record Monitor(String kind, String namespace, String name, String notSelected) {
        public Monitor(String kind, String namespace, String name) {
            this(kind, namespace, name, "");
        }

        /** The prefix of its scrape pools' names in Prometheus ({@code serviceMonitor/ns/name/}). */
        public String poolPrefix() {
            String kindInPool = switch (kind) {
                case "ServiceMonitor" -> "serviceMonitor";
                case "PodMonitor" -> "podMonitor";
                case "Probe" -> "probe";
                default -> "scrapeConfig";
            };
            return kindInPool + "/" + namespace + "/" + name + "/";
        }
    }

    /**
     * A {@code PrometheusRule}: its groups' names, and its uid (the operator names the rule file it writes for it
     * {@code <namespace>-<name>-<uid>.yaml}).
     */
    public record Rules(String namespace, String name, List<String> groups, String uid, String notSelected) {
        public Rules {
            groups = List.copyOf(groups);
            uid = uid == null ? "" : uid;
        }

        public Rules(String namespace, String name, List<String> groups, String uid) {
            this(namespace, name, groups, uid, "");
        }

        public Rules(String namespace, String name, List<String> groups) {
            this(namespace, name, groups, "");
        }

        /** The rule file the operator writes for this resource, as Prometheus names it in {@code /api/v1/rules}. */
        public String fileName() {
            return namespace + "-" + name + "-" + uid + ".yaml";
        }
    }

    /** An {@code AlertmanagerConfig}: the operator merges its routes and receivers into the Alertmanager's configuration. */
    public record AlertmanagerConfigRef(String namespace, String name, String notSelected) {
    }

    /** What was read: nothing (no operator), a refusal said as a sentence, or the resources. */
    public sealed interface Reading {
    }

    /** The CRDs are not installed: a stack not run by prometheus-operator. */
    public record NotInstalled() implements Reading {
    }

    /** The CRDs exist but these credentials may not read them: the console works from pod labels, and says so. */
    public record Forbidden(String sentence) implements Reading {
    }

    /**
     * @param reconcileProblems what the operator reports in its resources' status conditions when it could not
     *                          reconcile them ("Prometheus k8s: Reconciled=False — …"); empty when all is well
     * @param notes             what could not be read in full ("namespaces cannot be listed: …"), said where the
     *                          resources are shown
     */
    public record Read(List<Prometheus> prometheuses, List<Replicated> alertmanagers, List<Replicated> rulers, List<Monitor> monitors,
            List<Rules> rules, List<String> reconcileProblems, List<AlertmanagerConfigRef> alertmanagerConfigs, List<String> notes)
            implements Reading {
        public Read {
            notes = List.copyOf(notes);
            alertmanagerConfigs = List.copyOf(alertmanagerConfigs);
            prometheuses = List.copyOf(prometheuses);
            alertmanagers = List.copyOf(alertmanagers);
            rulers = List.copyOf(rulers);
            monitors = List.copyOf(monitors);
            rules = List.copyOf(rules);
            reconcileProblems = List.copyOf(reconcileProblems);
        }

        public Read(List<Prometheus> prometheuses, List<Replicated> alertmanagers, List<Replicated> rulers, List<Monitor> monitors,
                List<Rules> rules) {
            this(prometheuses, alertmanagers, rulers, monitors, rules, List.of(), List.of(), List.of());
        }

        public Read(List<Prometheus> prometheuses, List<Replicated> alertmanagers, List<Replicated> rulers, List<Monitor> monitors,
                List<Rules> rules, List<String> reconcileProblems) {
            this(prometheuses, alertmanagers, rulers, monitors, rules, reconcileProblems, List.of(), List.of());
        }

        /** The replica label of the namespace's Prometheus resources, when they agree on one. */
        public Optional<String> replicaLabel() {
            List<String> labels = prometheuses.stream().filter(p -> p.kind().equals("Prometheus")).map(Prometheus::replicaLabel).distinct().toList();
            return labels.size() == 1 ? Optional.of(labels.get(0)) : Optional.empty();
        }

        /** Prometheus pods the resources ask for, all shards of all of them. */
        public int prometheusPods() {
            return prometheuses.stream().mapToInt(Prometheus::pods).sum();
        }

        public int alertmanagerPods() {
            return alertmanagers.stream().mapToInt(Replicated::replicas).sum();
        }
    }

    /** What the connect screen says about the operator's resources. */
    public static String describe(Reading reading) {
        if (reading instanceof NotInstalled) {
            return "prometheus-operator's resources are not installed in this cluster.";
        }
        if (reading instanceof Forbidden f) {
            return f.sentence() + ".";
        }
        Read r = (Read) reading;
        List<String> parts = new ArrayList<>();
        for (Prometheus p : r.prometheuses()) {
            parts.add(p.kind() + " " + p.name() + ": " + p.replicas() + " replica" + (p.replicas() == 1 ? "" : "s")
                    + (p.shards() > 1 ? " × " + p.shards() + " shards" : "")
                    + (p.replicaLabel().isEmpty() ? ", no replica label" : ", replica label '" + p.replicaLabel() + "'")
                    + (p.thanosSidecar() ? ", Thanos sidecar" : ""));
        }
        for (Replicated a : r.alertmanagers()) {
            parts.add("Alertmanager " + a.name() + ": " + a.replicas() + " replica" + (a.replicas() == 1 ? "" : "s"));
        }
        for (Replicated t : r.rulers()) {
            parts.add("ThanosRuler " + t.name() + ": " + t.replicas() + " replica" + (t.replicas() == 1 ? "" : "s"));
        }
        parts.add(r.monitors().size() + " monitor" + (r.monitors().size() == 1 ? "" : "s"));
        parts.add(r.rules().size() + " PrometheusRule" + (r.rules().size() == 1 ? "" : "s"));
        if (!r.alertmanagerConfigs().isEmpty()) {
            parts.add(r.alertmanagerConfigs().size() + " AlertmanagerConfig" + (r.alertmanagerConfigs().size() == 1 ? "" : "s") + " ("
                    + String.join(", ", r.alertmanagerConfigs().stream().map(AlertmanagerConfigRef::name).toList()) + ")");
        }
        return "Run by prometheus-operator — " + String.join("; ", parts) + "." + (r.notes().isEmpty() ? "" : " " + String.join(" ", r.notes()));
    }

    private final KubernetesClient client;

    public OperatorResources(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The resources of the Prometheus, Alertmanager and ThanosRuler resources in {@code namespace}, and the monitors,
     * rules and AlertmanagerConfigs they select — in this namespace and in the namespaces their namespace selectors
     * pick ({@code {}}: every namespace; absent: their own). Resources in this namespace that nothing selects are read
     * too, and say why they are not picked up.
     */
    public Reading read(String namespace) {
        return new OperatorRead(client, namespace).run();
    }
}
