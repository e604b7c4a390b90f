package io.promdeck.app.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.promdeck.app.operator.OperatorResources.AlertmanagerConfigRef;
import io.promdeck.app.operator.OperatorResources.Forbidden;
import io.promdeck.app.operator.OperatorResources.Monitor;
import io.promdeck.app.operator.OperatorResources.NotInstalled;
import io.promdeck.app.operator.OperatorResources.Prometheus;
import io.promdeck.app.operator.OperatorResources.Read;
import io.promdeck.app.operator.OperatorResources.Reading;
import io.promdeck.app.operator.OperatorResources.Replicated;
import io.promdeck.app.operator.OperatorResources.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One read of prometheus-operator's resources for a namespace ({@link OperatorResources#read}): what the API server
 * served, the namespaces' labels (read once, when a namespace selector needs them) and the notes about what could not
 * be read belong to this read alone.
 */
final class OperatorRead {

    private static final String GROUP = OperatorResources.GROUP;
    private static final String VERSION = OperatorResources.VERSION;
    private static final Map<String, String> PLURALS = Map.of("Prometheus", "prometheuses", "PrometheusAgent", "prometheusagents",
            "Alertmanager", "alertmanagers", "ThanosRuler", "thanosrulers", "ServiceMonitor", "servicemonitors", "PodMonitor", "podmonitors",
            "Probe", "probes", "ScrapeConfig", "scrapeconfigs", "PrometheusRule", "prometheusrules", "AlertmanagerConfig", "alertmanagerconfigs");

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
    private final String namespace;
    /** Kinds the API server served during this read (0: the CRDs are not installed). */
    private int served;
    /** Namespace labels by name, read when a namespace selector first needs them; null until then. */
    private Map<String, Map<String, String>> namespaceLabels;
    private final List<String> notes = new ArrayList<>();

    OperatorRead(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    Reading run() {
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
        return list(apiVersion, kind, null);
    }

    private static io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context(String apiVersion, String kind) {
        // Named in full (plural included), so a missing CRD is the API server's 404, not a failed discovery.
        return new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup(GROUP)
                .withVersion(apiVersion.substring(apiVersion.indexOf('/') + 1)).withKind(kind).withPlural(PLURALS.get(kind)).withNamespaced(true)
                .build();
    }

    /** The namespace's resources of a kind (every namespace's for null); none when the kind's CRD is not installed (404). */
    private List<GenericKubernetesResource> list(String apiVersion, String kind, String namespace) {
        var resources = client.genericKubernetesResources(context(apiVersion, kind));
        try {
            List<GenericKubernetesResource> items = (namespace == null ? resources.inAnyNamespace() : resources.inNamespace(namespace)).list().getItems();
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
        String replicaLabel = label == null ? OperatorResources.DEFAULT_REPLICA_LABEL : String.valueOf(label);
        boolean sidecar = spec.get("thanos") instanceof Map<?, ?>;
        return new Prometheus(kind, r.getMetadata().getNamespace(), r.getMetadata().getName(), replicas, shards, replicaLabel, sidecar);
    }

    /** The status conditions the operator sets (Available, Reconciled) that are not True, with its message. */
    private static List<String> conditionProblems(String kind, GenericKubernetesResource r) {
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
