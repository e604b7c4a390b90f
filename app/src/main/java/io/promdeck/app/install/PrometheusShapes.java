package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes the Prometheus StatefulSet takes past one HA pair: hashmod shards (seeds 001/002) — one StatefulSet,
 * PodDisruptionBudget and configuration per shard, the pods labelled with their shard so the console groups them —
 * and agents (seed 003), which keep only a write-ahead log and remote-write it.
 */
final class PrometheusShapes {

    /** Pod label naming the shard a Prometheus pod belongs to; the console groups replicas by it. */
    static final String SHARD = io.promdeck.app.cluster.DiscoveredPod.SHARD_LABEL;
    /** Pod label naming what a Prometheus pod is when it is not a plain replica ("agent"). */
    static final String ROLE = io.promdeck.app.cluster.DiscoveredPod.ROLE_LABEL;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private PrometheusShapes() {
    }

    /** The ConfigMap a Prometheus StatefulSet reads its configuration from. */
    static String configMapName(String statefulSet) {
        return statefulSet.equals("prometheus") ? "prometheus-config" : "prometheus-config" + statefulSet.substring("prometheus".length());
    }

    /** prometheus.yaml's documents, with the StatefulSet and its budget repeated per shard when there are several. */
    static List<HasMetadata> split(List<HasMetadata> documents, StackParameters p) {
        if (p.prometheusShards() <= 1) {
            return documents;
        }
        List<HasMetadata> out = new ArrayList<>();
        for (HasMetadata document : documents) {
            boolean prometheus = "prometheus".equals(document.getMetadata().getName());
            if (prometheus && document instanceof StatefulSet sts) {
                for (int i = 0; i < p.prometheusShards(); i++) {
                    out.add(shard(SERIALIZATION.clone(sts), i));
                }
            } else if (prometheus && document instanceof PodDisruptionBudget pdb) {
                for (int i = 0; i < p.prometheusShards(); i++) {
                    PodDisruptionBudget copy = SERIALIZATION.clone(pdb);
                    copy.getMetadata().setName("prometheus-shard-" + i);
                    copy.getSpec().getSelector().setMatchLabels(withShard(copy.getSpec().getSelector().getMatchLabels(), i));
                    out.add(copy);
                }
            } else {
                out.add(document);
            }
        }
        return out;
    }

    private static StatefulSet shard(StatefulSet sts, int shard) {
        String name = "prometheus-shard-" + shard;
        sts.getMetadata().setName(name);
        sts.getSpec().getSelector().setMatchLabels(withShard(sts.getSpec().getSelector().getMatchLabels(), shard));
        sts.getSpec().getTemplate().getMetadata().setLabels(withShard(sts.getSpec().getTemplate().getMetadata().getLabels(), shard));
        PodSpec spec = sts.getSpec().getTemplate().getSpec();
        // Spread the two replicas of a shard, not the shards from each other.
        spec.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().forEach(term ->
                term.getPodAffinityTerm().getLabelSelector().setMatchLabels(withShard(term.getPodAffinityTerm().getLabelSelector().getMatchLabels(), shard)));
        spec.getVolumes().stream().filter(v -> v.getName().equals("config")).forEach(v -> v.getConfigMap().setName(configMapName(name)));
        return sts;
    }

    private static Map<String, String> withShard(Map<String, String> labels, int shard) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(SHARD, String.valueOf(shard));
        return copy;
    }

    /** Agent mode on every Prometheus StatefulSet: a write-ahead log instead of a TSDB, no rules. */
    static void agents(List<RenderedObject> objects) {
        for (StatefulSet sts : statefulSets(objects)) {
            Map<String, String> labels = new LinkedHashMap<>(sts.getSpec().getTemplate().getMetadata().getLabels());
            labels.put(ROLE, "agent");
            sts.getSpec().getTemplate().getMetadata().setLabels(labels);
            PodSpec spec = sts.getSpec().getTemplate().getSpec();
            Container prometheus = prometheusContainer(spec);
            List<String> args = new ArrayList<>(prometheus.getArgs().stream().filter(a -> !a.startsWith("--storage.tsdb.")).toList());
            args.add("--storage.agent.path=/prometheus");
            args.add("--enable-feature=agent");
            prometheus.setArgs(args);
            prometheus.setVolumeMounts(new ArrayList<>(prometheus.getVolumeMounts().stream().filter(m -> !m.getName().equals("rules")).toList()));
            spec.setVolumes(new ArrayList<>(spec.getVolumes().stream().filter(v -> !v.getName().equals("rules")).toList()));
        }
    }

    /** Every Prometheus StatefulSet of a render (one per shard). */
    static List<StatefulSet> statefulSets(List<RenderedObject> objects) {
        List<StatefulSet> found = new ArrayList<>();
        for (RenderedObject o : objects) {
            if (o.object() instanceof StatefulSet sts && "prometheus".equals(o.component())) {
                found.add(sts);
            }
        }
        return found;
    }

    static Container prometheusContainer(PodSpec spec) {
        return spec.getContainers().stream().filter(c -> c.getName().equals("prometheus")).findFirst().orElse(spec.getContainers().get(0));
    }
}
