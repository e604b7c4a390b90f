package io.promdeck.app.install;

import java.util.List;

/** The kinds the bundled stack consists of, with their API versions and scope. */
final class ManagedKinds {

    record Kind(String apiVersion, String kind, boolean clusterScoped) {
    }

    static final List<Kind> ALL = List.of(
            new Kind("v1", "ServiceAccount", false),
            new Kind("rbac.authorization.k8s.io/v1", "ClusterRole", true),
            new Kind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", true),
            new Kind("rbac.authorization.k8s.io/v1", "Role", false),
            new Kind("rbac.authorization.k8s.io/v1", "RoleBinding", false),
            new Kind("v1", "Secret", false),
            new Kind("v1", "ConfigMap", false),
            new Kind("v1", "PersistentVolumeClaim", false),
            new Kind("v1", "Service", false),
            new Kind("apps/v1", "StatefulSet", false),
            new Kind("apps/v1", "Deployment", false),
            new Kind("apps/v1", "DaemonSet", false),
            new Kind("batch/v1", "Job", false),
            new Kind("policy/v1", "PodDisruptionBudget", false),
            new Kind("networking.k8s.io/v1", "NetworkPolicy", false));

    private ManagedKinds() {
    }
}
