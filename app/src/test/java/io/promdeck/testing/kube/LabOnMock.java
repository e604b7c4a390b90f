package io.promdeck.testing.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.testing.Lab;
import java.util.List;
import java.util.Map;

/**
 * The real lab seen through the mock API server, as the bundled stack deploys it: StatefulSets, pods whose
 * containers read {@code --config.file} from mounted ConfigMaps ({@code prometheus-config}, {@code prometheus-rules},
 * {@code alertmanager-config}), and {@code pods/proxy} routed to the lab's processes.
 */
public final class LabOnMock {

    public static final String PROMETHEUS_CONFIG = "/etc/prometheus/config/prometheus.yml";
    public static final String ALERTMANAGER_CONFIG = "/etc/alertmanager/alertmanager.yml";

    private LabOnMock() {
    }

    /**
     * @param prometheusYml the content of ConfigMap prometheus-config, key prometheus.yml
     * @param rules         the rule files of ConfigMap prometheus-rules, by key
     */
    public static void seed(MockApiServer api, Lab lab, String namespace, String prometheusYml, Map<String, String> rules, String alertmanagerYml) {
        try (KubernetesClient client = api.server().createClient()) {
            configMap(client, namespace, "prometheus-config", Map.of("prometheus.yml", prometheusYml));
            configMap(client, namespace, "prometheus-rules", rules);
            configMap(client, namespace, "alertmanager-config", Map.of("alertmanager.yml", alertmanagerYml));
            for (int i = 0; i < lab.prometheus().size(); i++) {
                String name = "prometheus-" + i;
                pod(client, namespace, name, "prometheus", 9090, List.of("--config.file=" + PROMETHEUS_CONFIG),
                        Map.of("config", "/etc/prometheus/config", "rules", "/etc/prometheus/rules"),
                        Map.of("config", "prometheus-config", "rules", "prometheus-rules"));
                api.routePodProxy(namespace, name, 9090, lab.prometheus(i).url());
            }
            for (int i = 0; i < lab.alertmanagers().size(); i++) {
                String name = "alertmanager-" + i;
                pod(client, namespace, name, "alertmanager", 9093, List.of("--config.file=" + ALERTMANAGER_CONFIG),
                        Map.of("config", "/etc/alertmanager"), Map.of("config", "alertmanager-config"));
                api.routePodProxy(namespace, name, 9093, lab.alertmanager(i).url());
            }
            statefulSet(client, namespace, "prometheus", lab.prometheus().size());
            statefulSet(client, namespace, "alertmanager", lab.alertmanagers().size());
        }
    }

    private static void configMap(KubernetesClient client, String namespace, String name, Map<String, String> data) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withData(data).build()).create();
    }

    private static void pod(KubernetesClient client, String namespace, String name, String component, int port, List<String> args,
            Map<String, String> mounts, Map<String, String> configMaps) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/component", component))
                .addNewOwnerReference().withKind("StatefulSet").withName(component).withController(true).withApiVersion("apps/v1").withUid(component)
                .endOwnerReference().endMetadata();
        var spec = pod.withNewSpec().withNodeName("node-" + name.charAt(name.length() - 1));
        var container = spec.addNewContainer().withName(component).withImage(component).withArgs(args).addNewPort().withName("web")
                .withContainerPort(port).endPort();
        mounts.forEach((volume, path) -> container.addNewVolumeMount().withName(volume).withMountPath(path).endVolumeMount());
        container.endContainer();
        configMaps.forEach((volume, map) -> spec.addNewVolume().withName(volume).withNewConfigMap().withName(map).endConfigMap().endVolume());
        spec.endSpec();
        client.pods().inNamespace(namespace).resource(pod.withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition().addNewContainerStatus().withName(component).withRestartCount(0).withReady(true).endContainerStatus().endStatus()
                .build()).create();
    }

    private static void statefulSet(KubernetesClient client, String namespace, String name, int replicas) {
        client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build()).create();
    }
}
