package io.promdeck.app.install;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every value an operator sets for an install, named by this type rather than by strings: its key (the name in a
 * parameters file and in the stored {@link StackParameters} JSON), the wizard section it belongs to, its kind and a
 * label. Secret values ({@link Kind#SECRET}) go to {@link StackSecrets}, never to the stored parameters.
 */
public enum Parameter {
    NAMESPACE("namespace", Section.TARGET, Kind.TEXT, "Namespace"),
    INSTANCE("instance", Section.TARGET, Kind.TEXT, "Instance name"),
    CLUSTER("cluster", Section.TARGET, Kind.TEXT, "Cluster label"),
    STORAGE_CLASS("storageClass", Section.TARGET, Kind.TEXT, "StorageClass"),
    CLUSTER_DOMAIN("clusterDomain", Section.TARGET, Kind.TEXT, "Cluster DNS domain"),

    PROMETHEUS_REPLICAS("prometheusReplicas", Section.COMPONENTS, Kind.NUMBER, "Prometheus replicas"),
    PROMETHEUS_SHARDS("prometheusShards", Section.COMPONENTS, Kind.NUMBER, "Shards (hashmod)"),
    REPLICA_LABEL("replicaLabel", Section.COMPONENTS, Kind.TEXT, "Replica label name"),
    SCRAPE_INTERVAL("scrapeInterval", Section.COMPONENTS, Kind.TEXT, "Scrape interval"),
    EVALUATION_INTERVAL("evaluationInterval", Section.COMPONENTS, Kind.TEXT, "Evaluation interval"),
    PROMETHEUS_CPU("prometheusCpu", Section.COMPONENTS, Kind.TEXT, "CPU request"),
    PROMETHEUS_MEMORY("prometheusMemory", Section.COMPONENTS, Kind.TEXT, "Memory request"),
    PROMETHEUS_MEMORY_LIMIT("prometheusMemoryLimit", Section.COMPONENTS, Kind.TEXT, "Memory limit"),
    ALERTMANAGER_REPLICAS("alertmanagerReplicas", Section.COMPONENTS, Kind.NUMBER, "Alertmanager replicas"),
    THANOS_QUERY_REPLICAS("thanosQueryReplicas", Section.COMPONENTS, Kind.NUMBER, "Thanos Query replicas"),
    THANOS_STORE_REPLICAS("thanosStoreReplicas", Section.COMPONENTS, Kind.NUMBER, "Store Gateway replicas"),
    THANOS_RULER("thanosRuler", Section.COMPONENTS, Kind.SWITCH, "Thanos Ruler"),
    GRAFANA("grafana", Section.COMPONENTS, Kind.SWITCH, "Grafana"),
    NODE_EXPORTER("nodeExporter", Section.COMPONENTS, Kind.SWITCH, "node-exporter"),
    KUBE_STATE_METRICS("kubeStateMetrics", Section.COMPONENTS, Kind.SWITCH, "kube-state-metrics"),
    NETWORK_POLICIES("networkPolicies", Section.COMPONENTS, Kind.SWITCH, "NetworkPolicies"),
    API_SERVER_CIDR("apiServerCidr", Section.COMPONENTS, Kind.TEXT, "API server addresses (CIDR)"),
    ETCD_CERTS_SECRET("etcdCertsSecret", Section.COMPONENTS, Kind.TEXT, "etcd client certificates (Secret)"),

    BACKEND("backend", Section.STORAGE, Kind.CHOICE, "Long-term storage"),
    PROMETHEUS_RETENTION("prometheusRetention", Section.STORAGE, Kind.TEXT, "Prometheus local retention"),
    PROMETHEUS_VOLUME("prometheusVolume", Section.STORAGE, Kind.TEXT, "Prometheus volume"),
    ALERTMANAGER_VOLUME("alertmanagerVolume", Section.STORAGE, Kind.TEXT, "Alertmanager volume"),
    OBJECT_STORE_VOLUME("objectStoreVolume", Section.STORAGE, Kind.TEXT, "Object store volume"),
    THANOS_STORE_VOLUME("thanosStoreVolume", Section.STORAGE, Kind.TEXT, "Store gateway volume"),
    THANOS_COMPACTOR_VOLUME("thanosCompactorVolume", Section.STORAGE, Kind.TEXT, "Compactor volume"),
    RETENTION_RAW("retentionRaw", Section.STORAGE, Kind.TEXT, "Keep raw samples"),
    RETENTION_5M("retention5m", Section.STORAGE, Kind.TEXT, "Keep 5m downsampled"),
    RETENTION_1H("retention1h", Section.STORAGE, Kind.TEXT, "Keep 1h downsampled"),
    INFLUXDB_VOLUME("influxdbVolume", Section.STORAGE, Kind.TEXT, "InfluxDB volume"),
    GRAFANA_VOLUME("grafanaVolume", Section.STORAGE, Kind.TEXT, "Grafana volume"),
    BUCKET("bucket", Section.STORAGE, Kind.TEXT, "Bucket"),
    S3_ENDPOINT("s3Endpoint", Section.STORAGE, Kind.TEXT, "S3 endpoint"),
    S3_REGION("s3Region", Section.STORAGE, Kind.TEXT, "S3 region"),
    S3_INSECURE("s3Insecure", Section.STORAGE, Kind.SWITCH, "Plain HTTP to S3"),
    REMOTE_WRITE("remoteWrite", Section.STORAGE, Kind.LINES, "Remote-write targets"),
    S3_ACCESS_KEY("s3AccessKey", Section.STORAGE, Kind.SECRET, "S3 access key"),
    S3_SECRET_KEY("s3SecretKey", Section.STORAGE, Kind.SECRET, "S3 secret key"),

    WEBHOOK_URL("webhookUrl", Section.ALERTING, Kind.TEXT, "Webhook receiver URL"),
    GROUP_BY("groupBy", Section.ALERTING, Kind.LIST, "Group alerts by"),
    GROUP_WAIT("groupWait", Section.ALERTING, Kind.TEXT, "group_wait"),
    GROUP_INTERVAL("groupInterval", Section.ALERTING, Kind.TEXT, "group_interval"),
    REPEAT_INTERVAL("repeatInterval", Section.ALERTING, Kind.TEXT, "repeat_interval"),
    DINGTALK("dingtalk", Section.ALERTING, Kind.SWITCH, "DingTalk robot"),
    DINGTALK_ROBOT_URL("dingtalkRobotUrl", Section.ALERTING, Kind.SECRET, "DingTalk robot URL"),
    WECHAT("wechat", Section.ALERTING, Kind.SWITCH, "WeChat Work robot"),
    WECHAT_ROBOT_URL("wechatRobotUrl", Section.ALERTING, Kind.SECRET, "WeChat Work robot URL"),
    WECHAT_IMAGE("wechatImage", Section.ALERTING, Kind.TEXT, "WeChat bridge image"),
    EMAIL_TO("emailTo", Section.ALERTING, Kind.TEXT, "E-mail alerts to"),
    SMTP_SMARTHOST("smtpSmarthost", Section.ALERTING, Kind.TEXT, "SMTP server (host:port)"),
    SMTP_FROM("smtpFrom", Section.ALERTING, Kind.TEXT, "From address"),
    SMTP_USERNAME("smtpUsername", Section.ALERTING, Kind.TEXT, "SMTP user"),
    SMTP_PASSWORD("smtpPassword", Section.ALERTING, Kind.SECRET, "SMTP password"),

    REGISTRY_MIRROR("registryMirror", Section.IMAGES, Kind.TEXT, "Registry mirror"),
    IMAGE_PULL_SECRETS("imagePullSecrets", Section.IMAGES, Kind.LIST, "Image pull secrets"),

    /** Static scrape targets: only the workstation sandbox sets them; never shown. */
    TARGETS("targets", Section.HIDDEN, Kind.TEXT, "Targets");

    /** The wizard step a parameter is set on. */
    public enum Section {
        TARGET, COMPONENTS, STORAGE, ALERTING, IMAGES, HIDDEN
    }

    /**
     * How a value is typed: text, a whole number, on/off, one of a set, a list (comma-separated), lines (one item per
     * line, items with spaces in them), or a secret (text never stored).
     */
    public enum Kind {
        TEXT, NUMBER, SWITCH, CHOICE, LIST, LINES, SECRET
    }

    private final String key;
    private final Section section;
    private final Kind kind;
    private final String label;

    Parameter(String key, Section section, Kind kind, String label) {
        this.key = key;
        this.section = section;
        this.kind = kind;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public Section section() {
        return section;
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    public static Optional<Parameter> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    public static List<Parameter> of(Section section) {
        return Arrays.stream(values()).filter(p -> p.section == section).toList();
    }
}
