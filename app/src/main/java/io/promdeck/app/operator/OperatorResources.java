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
                    + String.join(", ", r.alertmanagerConfigs().stream().map(AlertmanagerConfigRef::name).toList()) + ")");
        }
        return "Run by prometheus-operator — " + String.join("; ", parts) + "." + (r.notes().isEmpty() ? "" : " " + String.join(" ", r.notes()));
    }

    /** How a Prometheus (or Alertmanager) resource picks up resources of one kind: its selector fields. */
    private record Selection(String kind, String version, String selectorField, String namespaceSelectorField, String plural) {
    }

    private static final List<Selection> MONITORS = List.of(
            new Selection("ServiceMonitor", "v1", "serviceMonitorSelector", "serviceMonitorNamespaceSelector", "ServiceMonitors"),
            new Selection("PodMonitor", "v1", "podMonitorSelector", "podMonitorNamespaceSelector", "PodMonitors"),
            new Selection("Probe", "v1", "probeSelector", "probeNamespaceSelector", "Probes"),
            new Selection("ScrapeConfig", "v1alpha1", "scrapeConfigSelector", "scrapeConfigNamespaceSelector", "ScrapeConfigs"));
    private static final Selection RULES = new Selection("PrometheusRule", "v1", "ruleSelector", "ruleNamespaceSelector", "PrometheusRules");
    private static final Selection ALERTMANAGER_CONFIGS = new Selection("AlertmanagerConfig", "v1alpha1", "alertmanagerConfigSelector",
            "alertmanagerConfigNamespaceSelector", "AlertmanagerConfigs");

    private final KubernetesClient client;
    /** Kinds the API server served during the last read (0: the CRDs are not installed). */
    private int served;
    /** Namespace labels by name, read once per read when a namespace selector needs them; null until then. */
    private Map<String, Map<String, String>> namespaceLabels;
    private List<String> notes;

    public OperatorResources(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The resources of the Prometheus, Alertmanager and ThanosRuler resources in {@code namespace}, and the monitors,
     * rules and AlertmanagerConfigs they select — in this namespace and in the namespaces their namespace selectors
     * pick ({@code {}}: every namespace; absent: their own). Resources in this namespace that nothing selects are read
     * too, and say why they are not picked up.
     */
    public synchronized Reading read(String namespace) {
        served = 0;
        namespaceLabels = null;
        notes = new ArrayList<>();
        try {
            List<GenericKubernetesResource> owners = new ArrayList<>();
            List<Prometheus> prometheuses = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String kind : List.of("Prometheus", "PrometheusAgent")) {
                for (GenericKubernetesResource r : list(kind.equals("Prometheus") ? VERSION : GROUP + "/v1alpha1", kind, namespace)) {
                    owners.add(r);
                    prometheuses.add(prometheus(kind, r));
                    problems.addAll(conditionProblems(kind, r));
                }
            }
            List<GenericKubernetesResource> alertmanagerResources = list(VERSION, "Alertmanager", namespace);
            alertmanagerResources.forEach(r -> problems.addAll(conditionProblems("Alertmanager", r)));
            List<Replicated> alertmanagers = alertmanagerResources.stream().map(r -> replicated("Alertmanager", r)).toList();
            List<Replicated> rulers = list(VERSION, "ThanosRuler", namespace).stream().map(r -> replicated("ThanosRuler", r)).toList();
            List<Monitor> monitors = new ArrayList<>();
            for (Selection selection : MONITORS) {
                for (GenericKubernetesResource r : selected(selection, owners, namespace)) {
                    monitors.add(new Monitor(selection.kind(), r.getMetadata().getNamespace(), r.getMetadata().getName(),
                            notSelected(selection, r, owners)));
                }
            }
            List<GenericKubernetesResource> agentless = owners.stream().filter(o -> "Prometheus".equals(o.getKind())).toList();
            List<Rules> rules = selected(RULES, agentless, namespace).stream().map(r -> rules(r, notSelected(RULES, r, agentless))).toList();
            if (served == 0) {
                return new NotInstalled();
            }
            List<AlertmanagerConfigRef> alertmanagerConfigs = selected(ALERTMANAGER_CONFIGS, alertmanagerResources, namespace).stream()
                    .map(r -> new AlertmanagerConfigRef(r.getMetadata().getNamespace(), r.getMetadata().getName(),
                            notSelected(ALERTMANAGER_CONFIGS, r, alertmanagerResources)))
                    .toList();
            return new Read(prometheuses, alertmanagers, rulers, monitors, rules, problems, alertmanagerConfigs, notes);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return new Forbidden("prometheus-operator's resources cannot be read in " + namespace + " (" + reason(e)
                        + "): replicas, the replica label and monitors are taken from the pods instead");
            }
            throw e;
        }
    }

    /**
     * The resources of a kind the owners may select: those in {@code namespace} and in every namespace an owner's
     * namespace selector picks. Each resource once.
     */
    private List<GenericKubernetesResource> selected(Selection selection, List<GenericKubernetesResource> owners, String namespace) {
        String apiVersion = GROUP + "/" + selection.version();
        java.util.Set<String> namespaces = new java.util.LinkedHashSet<>();
        namespaces.add(namespace);
        boolean everywhere = false;
        for (GenericKubernetesResource owner : owners) {
            Object nsSelector = spec(owner).get(selection.namespaceSelectorField());
            if (nsSelector == null) {
                namespaces.add(owner.getMetadata().getNamespace());
            } else if (LabelSelectors.selectsAll(nsSelector)) {
                everywhere = true;
            } else {
                Map<String, Map<String, String>> labels = namespaceLabels();
                labels.forEach((name, nsLabels) -> {
                    if (LabelSelectors.matches(nsSelector, nsLabels)) {
                        namespaces.add(name);
                    }
                });
            }
        }
        if (everywhere) {
            try {
                return listEverywhere(apiVersion, selection.kind());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 403) {
                    throw e;
                }
                notes.add(selection.plural() + " are selected in every namespace but can be listed only in " + String.join(", ", namespaces)
                        + " (" + reason(e) + ").");
            }
        }
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (String ns : namespaces) {
            try {
                out.addAll(list(apiVersion, selection.kind(), ns));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 403 || ns.equals(namespace)) {
                    throw e;
                }
                notes.add(selection.plural() + " in " + ns + " cannot be read (" + reason(e) + ").");
            }
        }
        return out;
    }

    /** Namespaces and their labels; empty, with a note, when these credentials may not list namespaces. */
    private Map<String, Map<String, String>> namespaceLabels() {
        if (namespaceLabels == null) {
            namespaceLabels = new java.util.TreeMap<>();
            try {
                client.namespaces().list().getItems().forEach(n -> namespaceLabels.put(n.getMetadata().getName(),
                        n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels()));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 403) {
                    throw e;
                }
                notes.add("Namespaces cannot be listed (" + reason(e) + "): resources in namespaces picked by a namespace selector are not read.");
            }
        }
        return namespaceLabels;
    }

    /**
     * Why no owner selects {@code resource}, as the operator decides it: an owner's namespace selector must pick its
     * namespace (absent: the owner's own namespace only) and its label selector its labels (absent: nothing). "" when an
     * owner selects it, or when there is no owner here to ask.
     */
    private String notSelected(Selection selection, GenericKubernetesResource resource, List<GenericKubernetesResource> owners) {
        if (owners.isEmpty()) {
            return "";
        }
        Map<String, String> labels = resource.getMetadata().getLabels() == null ? Map.of() : resource.getMetadata().getLabels();
        String ns = resource.getMetadata().getNamespace();
        List<String> reasons = new ArrayList<>();
        for (GenericKubernetesResource owner : owners) {
            Object nsSelector = spec(owner).get(selection.namespaceSelectorField());
            Object selector = spec(owner).get(selection.selectorField());
            boolean inNamespace;
            String where;
            if (nsSelector == null) {
                inNamespace = ns.equals(owner.getMetadata().getNamespace());
                where = "in " + owner.getMetadata().getNamespace();
            } else if (LabelSelectors.selectsAll(nsSelector)) {
                inNamespace = true;
                where = "in every namespace";
            } else {
                Map<String, String> nsLabels = namespaceLabels().get(ns);
                // Namespaces that could not be listed: not known, so not flagged.
                inNamespace = nsLabels == null || LabelSelectors.matches(nsSelector, nsLabels);
                where = "in namespaces labelled " + LabelSelectors.describe(nsSelector);
            }
            if (inNamespace && LabelSelectors.matches(selector, labels)) {
                return "";
            }
            reasons.add(owner.getKind() + " " + owner.getMetadata().getName() + " selects " + selection.plural() + " labelled "
                    + LabelSelectors.describe(selector) + " " + where);
        }
        return "not selected: " + String.join("; ", reasons);
    }

    private List<GenericKubernetesResource> listEverywhere(String apiVersion, String kind) {
        try {
            List<GenericKubernetesResource> items = client.genericKubernetesResources(context(apiVersion, kind)).inAnyNamespace().list().getItems();
            served++;
            return items;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private static io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context(String apiVersion, String kind) {
        // Named in full (plural included), so a missing CRD is the API server's 404, not a failed discovery.
        return new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup(GROUP)
                .withVersion(apiVersion.substring(apiVersion.indexOf('/') + 1)).withKind(kind).withPlural(PLURALS.get(kind)).withNamespaced(true)
                .build();
    }

    /** The namespace's resources of a kind; none when the kind's CRD is not installed (404). */
    private List<GenericKubernetesResource> list(String apiVersion, String kind, String namespace) {
        try {
            List<GenericKubernetesResource> items = client.genericKubernetesResources(context(apiVersion, kind)).inNamespace(namespace).list().getItems();
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

    private static Rules rules(GenericKubernetesResource r, String notSelected) {
        List<String> groups = new ArrayList<>();
        if (spec(r).get("groups") instanceof List<?> list) {
            for (Object group : list) {
                if (group instanceof Map<?, ?> map && map.get("name") != null) {
                    groups.add(String.valueOf(map.get("name")));
                }
            }
        }
        return new Rules(r.getMetadata().getNamespace(), r.getMetadata().getName(), groups, r.getMetadata().getUid(), notSelected);
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
