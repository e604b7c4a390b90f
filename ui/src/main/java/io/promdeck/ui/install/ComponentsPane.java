package io.promdeck.ui.install;

import io.promdeck.app.install.Parameter;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** The Components step's view: replica counts, the replica label, intervals, resources and the optional components. */
final class ComponentsPane {

    private ComponentsPane() {
    }

    static Node build(WizardFields fields) {
        WizardForms prometheus = new WizardForms(fields);
        prometheus.number("prometheus-replicas", Parameter.PROMETHEUS_REPLICAS);
        WizardForms.tip(prometheus.number("prometheus-shards", Parameter.PROMETHEUS_SHARDS),
                "Split the targets over this many HA pairs by hashmod (seeds 001/002); Thanos Query (or the receiver) sees them all");
        prometheus.text("replica-label", Parameter.REPLICA_LABEL);
        prometheus.text("scrape-interval", Parameter.SCRAPE_INTERVAL);
        prometheus.text("evaluation-interval", Parameter.EVALUATION_INTERVAL);
        prometheus.text("prometheus-cpu", Parameter.PROMETHEUS_CPU);
        prometheus.text("prometheus-memory", Parameter.PROMETHEUS_MEMORY);
        prometheus.text("prometheus-memory-limit", Parameter.PROMETHEUS_MEMORY_LIMIT);
        WizardForms others = new WizardForms(fields);
        others.number("alertmanager-replicas", Parameter.ALERTMANAGER_REPLICAS);
        others.number("query-replicas", Parameter.THANOS_QUERY_REPLICAS);
        others.number("store-replicas", Parameter.THANOS_STORE_REPLICAS);
        WizardForms optional = new WizardForms(fields);
        optional.flag("ruler", Parameter.THANOS_RULER, "Thanos Ruler (rules evaluated over the global view; HA pair)");
        optional.flag("grafana", Parameter.GRAFANA, "Grafana, with Thanos Query (or Prometheus) as its data source");
        optional.flag("node-exporter", Parameter.NODE_EXPORTER, "node-exporter on every node");
        optional.flag("kube-state-metrics", Parameter.KUBE_STATE_METRICS, "kube-state-metrics (workload and pod state)");
        optional.flag("network-policies", Parameter.NETWORK_POLICIES, "NetworkPolicies: only the stack's own pods reach its ports");
        optional.text("api-server-cidr", Parameter.API_SERVER_CIDR).disableProperty().bind(fields.flag(Parameter.NETWORK_POLICIES).not());
        WizardForms.tip(optional.text("etcd-certs-secret", Parameter.ETCD_CERTS_SECRET),
                "A Secret in the namespace with etcd client certificates (ca.crt, tls.crt, tls.key); empty: etcd is not scraped");
        return new VBox(10, WizardForms.section("Prometheus"), prometheus.grid(),
                WizardForms.note("Each replica gets the external label named here with its own value (prometheus-0, prometheus-1…); "
                        + "Thanos Query and Alertmanager deduplicate on it. With several shards, each shard is such a pair with its own "
                        + "'shard' label, keeping its share of every job's targets."),
                WizardForms.section("Alertmanager and Thanos"), others.grid(),
                WizardForms.section("Optional components"), optional.grid());
    }
}
