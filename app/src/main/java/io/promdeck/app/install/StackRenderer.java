package io.promdeck.app.install;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.promdeck.app.http.Json;
import io.promdeck.app.prometheus.ConfigHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the bundled manifests for a parameter set: a pure function of the parameters and the secret values (which
 * are generated, or read back from the cluster, before this runs). The same inputs give byte-identical output; every
 * document parses into a typed fabric8 object; nothing stays unresolved.
 */
public final class StackRenderer {

    /** Labels every rendered object carries. */
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String NAME = "app.kubernetes.io/name";
    /** On cluster-scoped objects: the namespace of the install they belong to (their names carry it too). */
    public static final String OWNER_NAMESPACE = "promdeck.io/namespace";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final List<String> KIND_ORDER = List.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Role", "RoleBinding", "Secret", "ConfigMap", "PersistentVolumeClaim", "Service", "StatefulSet", "Deployment",
            "DaemonSet", "Job", "PodDisruptionBudget", "NetworkPolicy");

    private StackRenderer() {
    }

    /** @throws IllegalArgumentException listing every parameter problem, when the parameters are not valid */
    public static RenderedStack render(StackParameters p, StackSecrets secrets) {
        List<ParameterProblem> problems = ParameterCheck.problems(p);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
        Map<String, String> values = values(p);
        List<RenderedObject> objects = new ArrayList<>();
        Map<String, String> configFiles = new LinkedHashMap<>();

        String rulesYml = ConfigFiles.stackRules(values);
        String alertmanagerYml = ConfigFiles.alertmanager(p, secrets.smtpPassword());
        List<String> shards = p.prometheusStatefulSets();
        for (int i = 0; i < shards.size(); i++) {
            configFiles.put(RenderedStack.prometheusConfigKey(shards.get(i)), ConfigFiles.prometheus(p, values, i));
        }
        String kubernetesRules = TemplateRenderer.render(Manifests.read("config/kubernetes-rules.yml"), values, "config/kubernetes-rules.yml");
        if (!p.agents()) {
            configFiles.put("stack-rules.yml", rulesYml);
            configFiles.put("kubernetes-rules.yml", kubernetesRules);
        }
        configFiles.put("alertmanager.yml", alertmanagerYml);

        add(objects, "namespace", template("namespace.yaml", values));
        List<HasMetadata> prometheus = PrometheusShapes.split(template("prometheus.yaml", values), p);
        add(objects, "prometheus", prometheus);
        for (String name : shards) {
            objects.add(new RenderedObject("prometheus", configMap(p, PrometheusShapes.configMapName(name),
                    Map.of("prometheus.yml", configFiles.get(RenderedStack.prometheusConfigKey(name))))));
        }
        if (!p.agents()) {
            objects.add(new RenderedObject("prometheus", configMap(p, "prometheus-rules", Map.of("stack-rules.yml", rulesYml,
                    "kubernetes-rules.yml", kubernetesRules))));
        }
        if (p.backend().thanos()) {
            add(objects, "thanos-query", template("thanos-query.yaml", values));
            add(objects, "thanos-store", template("thanos-store.yaml", values));
            add(objects, "thanos-compactor", template("thanos-compactor.yaml", values));
            if (p.thanosRuler()) {
                add(objects, "thanos-ruler", template("thanos-ruler.yaml", values));
            }
            objects.add(new RenderedObject("object-storage", secret(p, "thanos-objstore", Map.of("objstore.yml", ConfigFiles.objectStore(p, secrets)))));
        }
        if (p.backend() == Backend.THANOS_BUNDLED_S3) {
            add(objects, "object-storage", template("seaweedfs.yaml", values));
            objects.add(new RenderedObject("object-storage", secret(p, "seaweedfs-s3", Map.of("s3.json", ConfigFiles.seaweedS3(secrets)))));
        }
        if (p.backend() == Backend.INFLUXDB) {
            add(objects, "influxdb", template("influxdb.yaml", values));
            objects.add(new RenderedObject("influxdb", secret(p, "influxdb-auth", Map.of("username", ConfigFiles.INFLUXDB_USER,
                    "password", secrets.influxdbPassword()))));
        }
        add(objects, "alertmanager", template("alertmanager.yaml", values));
        objects.add(new RenderedObject("alertmanager", secret(p, "alertmanager-config", Map.of("alertmanager.yml", alertmanagerYml))));
        if (p.dingtalk()) {
            add(objects, "dingtalk", template("dingtalk.yaml", values));
            objects.add(new RenderedObject("dingtalk", secret(p, "dingtalk-config", Map.of("config.yml", ConfigFiles.dingtalk(secrets)))));
        }
        if (p.wechat()) {
            add(objects, "wechat", template("wechat.yaml", values));
            objects.add(new RenderedObject("wechat", secret(p, "wechat-robot", Map.of("url", secrets.wechatRobotUrl()))));
        }
        if (p.grafana()) {
            add(objects, "grafana", template("grafana.yaml", values));
            objects.add(new RenderedObject("grafana", secret(p, "grafana-admin", Map.of("password", secrets.grafanaAdminPassword()))));
            objects.add(new RenderedObject("grafana", configMap(p, "grafana-datasources", Map.of("datasources.yml", ConfigFiles.grafanaDatasources(p)))));
            objects.add(new RenderedObject("grafana", configMap(p, "grafana-dashboards", Map.of("ha-overview.json", Manifests.read("config/ha-overview.json"),
                    "nodes.json", Manifests.read("config/nodes.json"), "workloads.json", Manifests.read("config/workloads.json")))));
        }
        if (p.nodeExporter()) {
            add(objects, "node-exporter", template("node-exporter.yaml", values));
        }
        if (p.kubeStateMetrics()) {
            add(objects, "kube-state-metrics", template("kube-state-metrics.yaml", values));
        }
        objects.add(new RenderedObject("namespace", configMap(p, StackParameters.CONFIG_MAP, Map.of("parameters.json", p.toJson()))));

        for (RenderedObject o : objects) {
            decorate(o, p);
        }
        if (p.networkPolicies()) {
            for (var policy : NetworkPolicies.forWorkloads(objects, p)) {
                RenderedObject o = new RenderedObject("network-policies", policy);
                decorate(o, p);
                objects.add(o);
            }
        }
        addAlertmanagerPeers(objects, p);
        if (p.backend().thanos() && p.thanosRuler()) {
            queryTheRuler(objects, p);
        }
        if (!p.backend().thanos()) {
            removeThanosSidecar(objects);
        }
        if (p.backend() == Backend.INFLUXDB) {
            mountSecret(objects, "influxdb-auth", "influxdb-auth", ConfigFiles.INFLUXDB_SECRET_DIR);
        }
        if (p.agents()) {
            PrometheusShapes.agents(objects);
        }
        if (!p.etcdCertsSecret().isEmpty()) {
            mountSecret(objects, "etcd-certs", p.etcdCertsSecret(), "/etc/prometheus/etcd");
        }
        p.remoteWrite().stream().map(RemoteWriteTarget::secret).filter(name -> !name.isEmpty()).distinct()
                .forEach(name -> mountSecret(objects, "rw-" + name, name, RemoteWriteTarget.SECRET_DIR + "/" + name));
        // No config hash on the pod templates: a configuration-only change is reloaded in place (HotReload), not rolled.
        // The parameters go in right after the Namespace: an install cancelled or cut off at any later point can be
        // resumed from any workstation, prefilled from them.
        objects.sort(Comparator.comparingInt((RenderedObject o) -> "ConfigMap".equals(o.kind()) && StackParameters.CONFIG_MAP.equals(o.name())
                ? 1 : 2 * kindRank(o.kind())));
        return new RenderedStack(p, objects, configFiles);
    }

    /** The stack's Namespace alone (labelled as in a full render), for work that needs it before an install. */
    static HasMetadata namespace(StackParameters p) {
        RenderedObject o = new RenderedObject("namespace", template("namespace.yaml", values(p)).get(0));
        decorate(o, p);
        return o.object();
    }

    static Map<String, String> values(StackParameters p) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode tree = Json.mapper().valueToTree(p);
        tree.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        });
        Manifests.images().forEach((name, image) -> values.put("image." + name, Manifests.mirrored(image, p.registryMirror())));
        return values;
    }

    private static List<HasMetadata> template(String file, Map<String, String> values) {
        String rendered = TemplateRenderer.render(Manifests.read(file), values, file);
        List<HasMetadata> documents = new ArrayList<>();
        for (String document : rendered.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata object)) {
                throw new IllegalStateException(file + " has a document that is not a Kubernetes object");
            }
            documents.add(object);
        }
        return documents;
    }

    private static void add(List<RenderedObject> objects, String component, List<HasMetadata> documents) {
        documents.forEach(d -> objects.add(new RenderedObject(component, d)));
    }

    private static HasMetadata configMap(StackParameters p, String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(p.namespace()).endMetadata()
                .withData(new java.util.TreeMap<>(data)).build();
    }

    private static HasMetadata secret(StackParameters p, String name, Map<String, String> data) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(p.namespace()).endMetadata()
                .withType("Opaque").withStringData(new java.util.TreeMap<>(data)).build();
    }

    private static void decorate(RenderedObject rendered, StackParameters p) {
        HasMetadata object = rendered.object();
        Map<String, String> labels = new LinkedHashMap<>();
        if (object.getMetadata().getLabels() != null) {
            labels.putAll(object.getMetadata().getLabels());
        }
        labels.putIfAbsent(NAME, object.getMetadata().getName());
        labels.put(INSTANCE, p.instance());
        labels.put(COMPONENT, rendered.component());
        labels.put(PART_OF, "promdeck");
        labels.put(MANAGED_BY, "promdeck");
        if (rendered.clusterScoped() && !"Namespace".equals(object.getKind())) {
            labels.put(OWNER_NAMESPACE, p.namespace());
        }
        object.getMetadata().setLabels(labels);
        podTemplate(object).ifPresent(template -> {
            Map<String, String> podLabels = new LinkedHashMap<>(template.getMetadata().getLabels());
            podLabels.put(COMPONENT, rendered.component());
            podLabels.put(PART_OF, "promdeck");
            podLabels.put(MANAGED_BY, "promdeck");
            template.getMetadata().setLabels(podLabels);
            PodSpec spec = template.getSpec();
            if (!p.imagePullSecrets().isEmpty()) {
                spec.setImagePullSecrets(p.imagePullSecrets().stream().map(LocalObjectReference::new).toList());
            }
        });
        if (object instanceof StatefulSet sts && sts.getSpec().getVolumeClaimTemplates() != null) {
            // PVCs created from the templates carry these labels, so uninstall can find (and keep or delete) them.
            sts.getSpec().getVolumeClaimTemplates().forEach(c -> {
                Map<String, String> claimLabels = new LinkedHashMap<>();
                claimLabels.put(INSTANCE, p.instance());
                claimLabels.put(COMPONENT, rendered.component());
                claimLabels.put(PART_OF, "promdeck");
                claimLabels.put(MANAGED_BY, "promdeck");
                c.getMetadata().setLabels(claimLabels);
            });
        }
        if (!p.storageClass().isEmpty()) {
            if (object instanceof PersistentVolumeClaim claim) {
                claim.getSpec().setStorageClassName(p.storageClass());
            }
            if (object instanceof StatefulSet sts && sts.getSpec().getVolumeClaimTemplates() != null) {
                sts.getSpec().getVolumeClaimTemplates().forEach(c -> c.getSpec().setStorageClassName(p.storageClass()));
            }
        }
    }

    private static void addAlertmanagerPeers(List<RenderedObject> objects, StackParameters p) {
        for (RenderedObject o : objects) {
            if (o.object() instanceof StatefulSet sts && "alertmanager".equals(sts.getMetadata().getName())) {
                Container container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
                List<String> args = new ArrayList<>(container.getArgs());
                for (int i = 0; i < p.alertmanagerReplicas(); i++) {
                    args.add("--cluster.peer=alertmanager-" + i + "." + p.serviceHost("alertmanager-headless") + ":9094");
                }
                container.setArgs(args);
            }
        }
    }

    /** Thanos Query reaches the Ruler's StoreAPI and deduplicates its two replicas on {@code rule_replica}. */
    private static void queryTheRuler(List<RenderedObject> objects, StackParameters p) {
        for (RenderedObject o : objects) {
            if (o.object() instanceof Deployment d && "thanos-query".equals(d.getMetadata().getName())) {
                Container container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                List<String> args = new ArrayList<>(container.getArgs());
                args.add("--query.replica-label=rule_replica");
                args.add("--endpoint=dnssrv+_grpc._tcp." + p.serviceHost("thanos-ruler"));
                container.setArgs(args);
            }
        }
    }

    /**
     * A Secret mounted read-only into every Prometheus container, owner-readable: InfluxDB's password, etcd's client
     * certificates, a remote-write target's credentials — read by Prometheus as files, never written into its config.
     */
    private static void mountSecret(List<RenderedObject> objects, String volume, String secret, String path) {
        for (StatefulSet sts : PrometheusShapes.statefulSets(objects)) {
            PodSpec spec = sts.getSpec().getTemplate().getSpec();
            List<io.fabric8.kubernetes.api.model.Volume> volumes = new ArrayList<>(spec.getVolumes());
            volumes.add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName(volume).withNewSecret()
                    .withSecretName(secret).withDefaultMode(0400).endSecret().build());
            spec.setVolumes(volumes);
            Container prometheus = PrometheusShapes.prometheusContainer(spec);
            List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = new ArrayList<>(prometheus.getVolumeMounts());
            mounts.add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build());
            prometheus.setVolumeMounts(mounts);
        }
    }

    private static void removeThanosSidecar(List<RenderedObject> objects) {
        for (StatefulSet sts : PrometheusShapes.statefulSets(objects)) {
            PodSpec spec = sts.getSpec().getTemplate().getSpec();
            spec.setContainers(new ArrayList<>(spec.getContainers().stream().filter(c -> !c.getName().equals("thanos-sidecar")).toList()));
            spec.setVolumes(new ArrayList<>(spec.getVolumes().stream().filter(v -> !v.getName().equals("objstore")).toList()));
        }
    }

    static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
        if (object instanceof StatefulSet s) {
            return Optional.of(s.getSpec().getTemplate());
        }
        if (object instanceof Deployment d) {
            return Optional.of(d.getSpec().getTemplate());
        }
        if (object instanceof DaemonSet d) {
            return Optional.of(d.getSpec().getTemplate());
        }
        if (object instanceof Job j) {
            return Optional.of(j.getSpec().getTemplate());
        }
        return Optional.empty();
    }

    static Optional<PodSpec> podSpec(HasMetadata object) {
        return podTemplate(object).map(PodTemplateSpec::getSpec);
    }

    static int kindRank(String kind) {
        int index = KIND_ORDER.indexOf(kind);
        return index < 0 ? KIND_ORDER.size() : index;
    }
}
