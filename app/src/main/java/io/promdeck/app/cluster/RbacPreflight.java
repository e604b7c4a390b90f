package io.promdeck.app.cluster;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Asks the API server, one SelfSubjectAccessReview per verb, what the console may do, and sums it up as three
 * capabilities: monitor (read the stack, no Secrets), act (reload, silences through the pod proxy), install.
 */
public final class RbacPreflight {

    private static final List<String[]> MONITORED = List.of(
            new String[] {"", "pods"}, new String[] {"apps", "statefulsets"}, new String[] {"apps", "deployments"},
            new String[] {"apps", "daemonsets"}, new String[] {"", "services"}, new String[] {"", "persistentvolumeclaims"},
            new String[] {"", "events"});

    private static final List<String[]> INSTALLED_NAMESPACED = List.of(
            new String[] {"", "serviceaccounts"}, new String[] {"rbac.authorization.k8s.io", "roles"},
            new String[] {"rbac.authorization.k8s.io", "rolebindings"}, new String[] {"", "secrets"}, new String[] {"", "configmaps"},
            new String[] {"", "services"}, new String[] {"apps", "statefulsets"}, new String[] {"apps", "deployments"},
            new String[] {"apps", "daemonsets"}, new String[] {"batch", "jobs"}, new String[] {"policy", "poddisruptionbudgets"},
            new String[] {"", "persistentvolumeclaims"});

    private static final List<String[]> INSTALLED_CLUSTER = List.of(
            new String[] {"", "namespaces"}, new String[] {"rbac.authorization.k8s.io", "clusterroles"},
            new String[] {"rbac.authorization.k8s.io", "clusterrolebindings"});

    private final KubernetesClient client;
    private final Executor executor;

    public RbacPreflight(KubernetesClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    public static List<AccessCheck> monitorChecks(String namespace) {
        List<AccessCheck> checks = new ArrayList<>();
        for (String[] kind : MONITORED) {
            for (String verb : List.of("get", "list", "watch")) {
                checks.add(AccessCheck.namespaced(verb, kind[0], kind[1], namespace));
            }
        }
        checks.add(AccessCheck.sub("get", "pods", "log", namespace));
        checks.add(AccessCheck.sub("get", "pods", "proxy", namespace));
        return checks;
    }

    public static List<AccessCheck> actChecks(String namespace) {
        List<AccessCheck> checks = new ArrayList<>(monitorChecks(namespace));
        checks.add(AccessCheck.sub("create", "pods", "proxy", namespace));
        return checks;
    }

    public static List<AccessCheck> installChecks(String namespace) {
        List<AccessCheck> checks = new ArrayList<>();
        for (String verb : List.of("create", "patch", "delete")) {
            for (String[] kind : INSTALLED_CLUSTER) {
                checks.add(AccessCheck.cluster(verb, kind[0], kind[1]));
            }
            for (String[] kind : INSTALLED_NAMESPACED) {
                checks.add(AccessCheck.namespaced(verb, kind[0], kind[1], namespace));
            }
        }
        checks.add(AccessCheck.cluster("list", "storage.k8s.io", "storageclasses"));
        return checks;
    }

    /**
     * Runs every review in parallel on the executor. A review the server refuses to evaluate counts as denied.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server cannot be used at all (401)
     */
    public Capabilities check(String namespace) {
        List<AccessCheck> all = new ArrayList<>(actChecks(namespace));
        for (AccessCheck check : installChecks(namespace)) {
            if (!all.contains(check)) {
                all.add(check);
            }
        }
        AccessCheck portForward = AccessCheck.sub("create", "pods", "portforward", namespace);
        all.add(portForward);

        Map<AccessCheck, CompletableFuture<Boolean>> pending = new LinkedHashMap<>();
        for (AccessCheck check : all) {
            pending.put(check, CompletableFuture.supplyAsync(() -> allowed(check), executor));
        }
        Map<AccessCheck, Boolean> answers = new LinkedHashMap<>();
        try {
            pending.forEach((check, future) -> answers.put(check, future.join()));
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
        return new Capabilities(namespace,
                capability("monitor", monitorChecks(namespace), answers),
                capability("act", actChecks(namespace), answers),
                capability("install", installChecks(namespace), answers),
                answers.get(portForward),
                answers);
    }

    private static Capabilities.Capability capability(String name, List<AccessCheck> needed, Map<AccessCheck, Boolean> answers) {
        List<AccessCheck> missing = needed.stream().filter(c -> !Boolean.TRUE.equals(answers.get(c))).toList();
        return new Capabilities.Capability(name, missing.isEmpty(), missing);
    }

    private boolean allowed(AccessCheck check) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes()
                .withVerb(check.verb()).withGroup(check.group()).withResource(check.resource())
                .withSubresource(check.subresource()).withNamespace(check.namespace())
                .endResourceAttributes().endSpec()
                .build();
        SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
        return answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }
}
