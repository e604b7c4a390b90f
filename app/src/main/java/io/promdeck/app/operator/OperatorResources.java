package io.promdeck.app.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    public record Monitor(String kind, String namespace, String name) {
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
    public record Rules(String namespace, String name, List<String> groups, String uid) {
        public Rules {
            groups = List.copyOf(groups);
            uid = uid == null ? "" : uid;
        }

        public Rules(String namespace, String name, List<String> groups) {
            this(namespace, name, groups, "");
        }

        /** The rule file the operator writes for this resource, as Prometheus names it in {@code /api/v1/rules}. */
        public String fileName() {
            return namespace + "-" + name + "-" + uid + ".yaml";
        }
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
     */
    public record Read(List<Prometheus> prometheuses, List<Replicated> alertmanagers, List<Replicated> rulers, List<Monitor> monitors,
            List<Rules> rules, List<String> reconcileProblems, List<String> alertmanagerConfigs) implements Reading {
        public Read {
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
            this(prometheuses, alertmanagers, rulers, monitors, rules, List.of(), List.of());
        }

        public Read(List<Prometheus> prometheuses, List<Replicated> alertmanagers, List<Replicated> rulers, List<Monitor> monitors,
                List<Rules> rules, List<String> reconcileProblems) {
            this(prometheuses, alertmanagers, rulers, monitors, rules, reconcileProblems, List.of());
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

    private static final Map<String, String> PLURALS = Map.of("Prometheus", "prometheuses", "PrometheusAgent", "prometheusagents",
            "Alertmanager", "alertmanagers", "ThanosRuler", "thanosrulers", "ServiceMonitor", "servicemonitors", "PodMonitor", "podmonitors",
            "Probe", "probes", "ScrapeConfig", "scrapeconfigs", "PrometheusRule", "prometheusrules", "AlertmanagerConfig", "alertmanagerconfigs");

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
                    + String.join(", ", r.alertmanagerConfigs()) + ")");
        }
        return "Run by prometheus-operator — " + String.join("; ", parts) + ".";
    }

    private final KubernetesClient client;
    /** Kinds the API server served during the last read (0: the CRDs are not installed). */
    private int served;

    public OperatorResources(KubernetesClient client) {
        this.client = client;
    }

    public synchronized Reading read(String namespace) {
        served = 0;
        try {
            List<Prometheus> prometheuses = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String kind : List.of("Prometheus", "PrometheusAgent")) {
                for (GenericKubernetesResource r : list(kind.equals("Prometheus") ? VERSION : GROUP + "/v1alpha1", kind, namespace)) {
                    prometheuses.add(prometheus(kind, r));
                    problems.addAll(conditionProblems(kind, r));
                }
            }
            List<GenericKubernetesResource> alertmanagerResources = list(VERSION, "Alertmanager", namespace);
            alertmanagerResources.forEach(r -> problems.addAll(conditionProblems("Alertmanager", r)));
            List<Replicated> alertmanagers = alertmanagerResources.stream().map(r -> replicated("Alertmanager", r)).toList();
            List<Replicated> rulers = list(VERSION, "ThanosRuler", namespace).stream().map(r -> replicated("ThanosRuler", r)).toList();
            List<Monitor> monitors = new ArrayList<>();
            for (String kind : List.of("ServiceMonitor", "PodMonitor", "Probe")) {
                list(VERSION, kind, namespace).forEach(r -> monitors.add(new Monitor(kind, r.getMetadata().getNamespace(), r.getMetadata().getName())));
            }
            list(GROUP + "/v1alpha1", "ScrapeConfig", namespace)
                    .forEach(r -> monitors.add(new Monitor("ScrapeConfig", r.getMetadata().getNamespace(), r.getMetadata().getName())));
            List<Rules> rules = list(VERSION, "PrometheusRule", namespace).stream().map(OperatorResources::rules).toList();
            if (served == 0) {
                return new NotInstalled();
            }
            // AlertmanagerConfig routes are merged by the operator into the Alertmanager's configuration: listed, not edited.
            List<String> alertmanagerConfigs = list(GROUP + "/v1alpha1", "AlertmanagerConfig", namespace).stream()
                    .map(r -> r.getMetadata().getName()).toList();
            return new Read(prometheuses, alertmanagers, rulers, monitors, rules, problems, alertmanagerConfigs);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return new Forbidden("prometheus-operator's resources cannot be read in " + namespace + " (" + reason(e)
                        + "): replicas, the replica label and monitors are taken from the pods instead");
            }
            throw e;
        }
    }

    /** The namespace's resources of a kind; none when the kind's CRD is not installed (404). */
    private List<GenericKubernetesResource> list(String apiVersion, String kind, String namespace) {
        // Named in full (plural included), so a missing CRD is the API server's 404, not a failed discovery.
        io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext
                .Builder().withGroup(GROUP).withVersion(apiVersion.substring(apiVersion.indexOf('/') + 1)).withKind(kind)
                .withPlural(PLURALS.get(kind)).withNamespaced(true).build();
        try {
            List<GenericKubernetesResource> items = client.genericKubernetesResources(context).inNamespace(namespace).list().getItems();
            served++;
            return items;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private static Prometheus prometheus(String kind, GenericKubernetesResource r) {
        Map<String, Object> spec = spec(r);
        int replicas = number(spec.get("replicas"), 1);
        int shards = number(spec.get("shards"), 1);
        Object label = spec.get("replicaExternalLabelName");
        // An empty replicaExternalLabelName switches the label off; absent means the operator's default.
        String replicaLabel = label == null ? DEFAULT_REPLICA_LABEL : String.valueOf(label);
        boolean sidecar = spec.get("thanos") instanceof Map<?, ?>;
        return new Prometheus(kind, r.getMetadata().getNamespace(), r.getMetadata().getName(), replicas, shards, replicaLabel, sidecar);
    }

    /** The status conditions the operator sets (Available, Reconciled) that are not True, with its message. */
    static List<String> conditionProblems(String kind, GenericKubernetesResource r) {
        List<String> out = new ArrayList<>();
        if (r.getAdditionalProperties().get("status") instanceof Map<?, ?> status && status.get("conditions") instanceof List<?> conditions) {
            for (Object condition : conditions) {
                if (condition instanceof Map<?, ?> c && !"True".equals(String.valueOf(c.get("status")))) {
                    out.add(kind + " " + r.getMetadata().getName() + ": " + c.get("type") + "=" + c.get("status")
                            + (c.get("message") == null ? "" : " — " + c.get("message")));
                }
            }
        }
        return out;
    }

    private static Replicated replicated(String kind, GenericKubernetesResource r) {
        return new Replicated(kind, r.getMetadata().getNamespace(), r.getMetadata().getName(), number(spec(r).get("replicas"), 1));
    }

    private static Rules rules(GenericKubernetesResource r) {
        List<String> groups = new ArrayList<>();
        if (spec(r).get("groups") instanceof List<?> list) {
            for (Object group : list) {
                if (group instanceof Map<?, ?> map && map.get("name") != null) {
                    groups.add(String.valueOf(map.get("name")));
                }
            }
        }
        return new Rules(r.getMetadata().getNamespace(), r.getMetadata().getName(), groups, r.getMetadata().getUid());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        Object spec = r.getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static int number(Object value, int fallback) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        return fallback;
    }

    private static String reason(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
