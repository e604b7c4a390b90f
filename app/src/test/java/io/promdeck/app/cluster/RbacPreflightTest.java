package io.promdeck.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.transport.TransportMode;
import io.promdeck.testing.kube.AccessPolicy;
import io.promdeck.testing.kube.MockApiServer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three capabilities from SelfSubjectAccessReview answers the mock gives. */
class RbacPreflightTest {

    private static MockApiServer api;
    private static KubernetesClient client;
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);

    private static final Set<String> READ = Set.of(
            "get pods", "list pods", "watch pods", "get statefulsets", "list statefulsets", "watch statefulsets",
            "get deployments", "list deployments", "watch deployments", "get daemonsets", "list daemonsets", "watch daemonsets",
            "get services", "list services", "watch services", "get persistentvolumeclaims", "list persistentvolumeclaims",
            "watch persistentvolumeclaims", "get events", "list events", "watch events", "get pods/log", "get pods/proxy");

    @BeforeAll
    static void start() {
        api = new MockApiServer();
        client = api.server().createClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        api.close();
        EXECUTOR.shutdownNow();
    }

    private static Capabilities check(AccessPolicy policy) {
        api.policy(policy);
        return new RbacPreflight(client, EXECUTOR).check("monitoring");
    }

    @Test
    void everythingAllowedGrantsAllThree() {
        Capabilities capabilities = check(AccessPolicy.allowAll());

        assertThat(capabilities.summary()).isEqualTo("can monitor, can act, can install");
        assertThat(capabilities.portForward()).isTrue();
        // 23 monitor + create pods/proxy + 45 install (create/patch/delete of 15 kinds) + list storageclasses + portforward
        assertThat(capabilities.answers()).hasSize(23 + 1 + 45 + 1 + 1);
    }

    @Test
    void readOnlyUserCanMonitorButNotActOrInstall() {
        Capabilities capabilities = check(AccessPolicy.only(READ));

        assertThat(capabilities.summary()).isEqualTo("can monitor, cannot act, cannot install");
        assertThat(capabilities.act().missing()).extracting(AccessCheck::describe).containsExactly("create pods/proxy");
        assertThat(capabilities.install().missing()).extracting(AccessCheck::describe)
                .contains("create namespaces (cluster-wide)", "create clusterroles.rbac.authorization.k8s.io (cluster-wide)",
                        "patch statefulsets.apps", "delete poddisruptionbudgets.policy", "list storageclasses.storage.k8s.io (cluster-wide)");
        assertThat(capabilities.portForward()).isFalse();
        assertThat(TransportMode.choose(capabilities, Optional.empty()).mode()).contains(TransportMode.POD_PROXY);
    }

    @Test
    void missingVerbsAreNamedAndSecretsAreNotNeededToMonitor() {
        Set<String> allowed = new HashSet<>(READ);
        allowed.remove("watch events");
        allowed.remove("get pods/log");

        Capabilities capabilities = check(AccessPolicy.only(allowed));

        assertThat(capabilities.monitor().granted()).isFalse();
        assertThat(capabilities.monitor().missing()).extracting(AccessCheck::describe).containsExactly("watch events", "get pods/log");
        assertThat(RbacPreflight.monitorChecks("monitoring")).noneMatch(c -> c.resource().equals("secrets"));
    }

    @Test
    void portForwardIsTheFallbackWhenTheProxyIsForbidden() {
        Set<String> allowed = new HashSet<>(READ);
        allowed.remove("get pods/proxy");
        allowed.add("create pods/portforward");

        Capabilities capabilities = check(AccessPolicy.only(allowed));
        TransportMode.Choice choice = TransportMode.choose(capabilities, Optional.empty());

        assertThat(choice.mode()).contains(TransportMode.PORT_FORWARD);
        assertThat(choice.reason()).contains("portforward");
        assertThat(TransportMode.choose(capabilities, Optional.of(TransportMode.POD_PROXY)).mode()).contains(TransportMode.POD_PROXY);
    }

    @Test
    void nothingAllowedLeavesNoTransportAndSaysWhy() {
        Capabilities capabilities = check(AccessPolicy.denyAll());

        assertThat(capabilities.summary()).isEqualTo("cannot monitor, cannot act, cannot install");
        TransportMode.Choice choice = TransportMode.choose(capabilities, Optional.empty());
        assertThat(choice.mode()).isEmpty();
        assertThat(choice.reason()).contains("monitoring").contains("direct-URL profile");
    }

    @Test
    void theMatrixShowsEveryVerbPerResourceAndWhatItEnables() {
        Capabilities capabilities = check(AccessPolicy.only(READ));

        java.util.List<RbacMatrix.Row> rows = RbacMatrix.of(capabilities);
        RbacMatrix.Row statefulSets = rows.stream().filter(r -> r.resource().equals("statefulsets.apps")).findFirst().orElseThrow();
        assertThat(RbacMatrix.VERBS).extracting(statefulSets::cell)
                .containsExactly("allowed", "allowed", "allowed", "denied", "denied", "denied");
        assertThat(statefulSets.enables()).isEqualTo("monitor, install");
        RbacMatrix.Row proxy = rows.stream().filter(r -> r.resource().equals("pods/proxy")).findFirst().orElseThrow();
        assertThat(proxy.cell("get")).isEqualTo("allowed");
        assertThat(proxy.cell("create")).isEqualTo("denied");
        assertThat(proxy.cell("delete")).isEmpty();
        assertThat(proxy.enables()).startsWith("the pod-proxy transport").endsWith("(monitor)");
        assertThat(rows).filteredOn(r -> r.resource().equals("namespaces")).singleElement()
                .satisfies(r -> assertThat(r.scope()).isEqualTo("cluster"));
        // Every answer is in exactly one cell.
        assertThat(rows.stream().mapToInt(r -> r.answers().size()).sum()).isEqualTo(capabilities.answers().size());
        assertThat(rows.stream().filter(r -> r.resource().equals("pods/portforward")).findFirst().orElseThrow().enables())
                .contains("port-forward");
    }

    @Test
    void directNeedsNoPermissionWhenTheOperatorChoosesIt() {
        Capabilities capabilities = check(AccessPolicy.denyAll());

        TransportMode.Choice choice = TransportMode.choose(capabilities, Optional.of(TransportMode.DIRECT));

        assertThat(choice.mode()).contains(TransportMode.DIRECT);
        assertThat(choice.reason()).isEqualTo("direct to pod ips, chosen for this context");
    }
}
