package io.promdeck.app.install;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The values of an install as an operator types them — every {@link Parameter} as text — turned into
 * {@link StackParameters} and {@link StackSecrets} and checked field by field. The wizard binds its fields to one;
 * {@code promdeck install --parameters FILE} fills one from the file; both therefore validate exactly the same.
 * Values of fields that do not apply (the S3 endpoint with the bundled store, a robot URL with the robot off) never
 * block. Pure and not thread-safe: one owner at a time.
 */
public final class ParameterForm {

    private final EnumMap<Parameter, String> values = new EnumMap<>(Parameter.class);
    private final StackParameters base;

    private ParameterForm(StackParameters base) {
        this.base = base;
    }

    /** A form holding {@code p} and the operator-typed values of {@code secrets}. */
    public static ParameterForm of(StackParameters p, StackSecrets secrets) {
        ParameterForm form = new ParameterForm(p);
        form.load(p, secrets);
        return form;
    }

    /** Replaces every value by those of {@code p} and {@code secrets} (an upgrade starts from the installed ones). */
    public void load(StackParameters p, StackSecrets secrets) {
        Map<Parameter, Object> v = new EnumMap<>(Parameter.class);
        v.put(Parameter.NAMESPACE, p.namespace());
        v.put(Parameter.INSTANCE, p.instance());
        v.put(Parameter.CLUSTER, p.cluster());
        v.put(Parameter.STORAGE_CLASS, p.storageClass());
        v.put(Parameter.PROMETHEUS_REPLICAS, p.prometheusReplicas());
        v.put(Parameter.REPLICA_LABEL, p.replicaLabel());
        v.put(Parameter.SCRAPE_INTERVAL, p.scrapeInterval());
        v.put(Parameter.EVALUATION_INTERVAL, p.evaluationInterval());
        v.put(Parameter.PROMETHEUS_CPU, p.prometheusCpu());
        v.put(Parameter.PROMETHEUS_MEMORY, p.prometheusMemory());
        v.put(Parameter.PROMETHEUS_MEMORY_LIMIT, p.prometheusMemoryLimit());
        v.put(Parameter.ALERTMANAGER_REPLICAS, p.alertmanagerReplicas());
        v.put(Parameter.THANOS_QUERY_REPLICAS, p.thanosQueryReplicas());
        v.put(Parameter.THANOS_STORE_REPLICAS, p.thanosStoreReplicas());
        v.put(Parameter.CLUSTER_DOMAIN, p.clusterDomain());
        v.put(Parameter.THANOS_RULER, p.thanosRuler());
        v.put(Parameter.GRAFANA, p.grafana());
        v.put(Parameter.GRAFANA_VOLUME, p.grafanaVolume());
        v.put(Parameter.NETWORK_POLICIES, p.networkPolicies());
        v.put(Parameter.API_SERVER_CIDR, p.apiServerCidr());
        v.put(Parameter.EMAIL_TO, p.emailTo());
        v.put(Parameter.SMTP_SMARTHOST, p.smtpSmarthost());
        v.put(Parameter.SMTP_FROM, p.smtpFrom());
        v.put(Parameter.SMTP_USERNAME, p.smtpUsername());
        v.put(Parameter.SMTP_PASSWORD, secrets.smtpPassword());
        v.put(Parameter.NODE_EXPORTER, p.nodeExporter());
        v.put(Parameter.KUBE_STATE_METRICS, p.kubeStateMetrics());
        v.put(Parameter.BACKEND, p.backend() == null ? "" : p.backend().name());
        v.put(Parameter.PROMETHEUS_RETENTION, p.prometheusRetention());
        v.put(Parameter.PROMETHEUS_VOLUME, p.prometheusVolume());
        v.put(Parameter.ALERTMANAGER_VOLUME, p.alertmanagerVolume());
        v.put(Parameter.OBJECT_STORE_VOLUME, p.objectStoreVolume());
        v.put(Parameter.THANOS_STORE_VOLUME, p.thanosStoreVolume());
        v.put(Parameter.THANOS_COMPACTOR_VOLUME, p.thanosCompactorVolume());
        v.put(Parameter.RETENTION_RAW, p.retentionRaw());
        v.put(Parameter.RETENTION_5M, p.retention5m());
        v.put(Parameter.RETENTION_1H, p.retention1h());
        v.put(Parameter.INFLUXDB_VOLUME, p.influxdbVolume());
        v.put(Parameter.BUCKET, p.bucket());
        v.put(Parameter.S3_ENDPOINT, p.s3Endpoint());
        v.put(Parameter.S3_REGION, p.s3Region());
        v.put(Parameter.S3_INSECURE, p.s3Insecure());
        v.put(Parameter.S3_ACCESS_KEY, p.backend() == Backend.THANOS_EXISTING_S3 ? secrets.s3AccessKey() : "");
        v.put(Parameter.S3_SECRET_KEY, p.backend() == Backend.THANOS_EXISTING_S3 ? secrets.s3SecretKey() : "");
        v.put(Parameter.WEBHOOK_URL, p.webhookUrl());
        v.put(Parameter.GROUP_WAIT, p.groupWait());
        v.put(Parameter.GROUP_INTERVAL, p.groupInterval());
        v.put(Parameter.REPEAT_INTERVAL, p.repeatInterval());
        v.put(Parameter.GROUP_BY, String.join(", ", p.groupBy()));
        v.put(Parameter.DINGTALK, p.dingtalk());
        v.put(Parameter.DINGTALK_ROBOT_URL, secrets.dingtalkRobotUrl());
        v.put(Parameter.WECHAT, p.wechat());
        v.put(Parameter.WECHAT_ROBOT_URL, secrets.wechatRobotUrl());
        v.put(Parameter.WECHAT_IMAGE, p.wechatImage());
        v.put(Parameter.REGISTRY_MIRROR, p.registryMirror());
        v.put(Parameter.IMAGE_PULL_SECRETS, String.join(", ", p.imagePullSecrets()));
        v.put(Parameter.PROMETHEUS_SHARDS, p.prometheusShards());
        v.put(Parameter.ETCD_CERTS_SECRET, p.etcdCertsSecret());
        v.put(Parameter.REMOTE_WRITE, String.join("\n", p.remoteWrite().stream().map(RemoteWriteTarget::toLine).toList()));
        v.put(Parameter.TARGETS, "");
        v.forEach((parameter, value) -> values.put(parameter, value == null ? "" : String.valueOf(value)));
    }

    public String get(Parameter parameter) {
        return values.getOrDefault(parameter, "");
    }

    public boolean on(Parameter parameter) {
        return "true".equals(get(parameter));
    }

    public void set(Parameter parameter, String value) {
        values.put(parameter, value == null ? "" : value);
    }

    public void set(Parameter parameter, boolean value) {
        values.put(parameter, String.valueOf(value));
    }

    public Backend backend() {
        try {
            return Backend.valueOf(get(Parameter.BACKEND).strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The parameters as typed; a value that does not parse keeps the base value (its problem says why). */
    public StackParameters parameters() {
        return new StackParameters(
                text(Parameter.INSTANCE), text(Parameter.NAMESPACE), text(Parameter.CLUSTER), text(Parameter.REPLICA_LABEL),
                backend() == null ? base.backend() : backend(),
                number(Parameter.PROMETHEUS_REPLICAS, base.prometheusReplicas()), text(Parameter.PROMETHEUS_RETENTION),
                text(Parameter.PROMETHEUS_VOLUME), text(Parameter.PROMETHEUS_CPU), text(Parameter.PROMETHEUS_MEMORY),
                text(Parameter.PROMETHEUS_MEMORY_LIMIT), text(Parameter.SCRAPE_INTERVAL), text(Parameter.EVALUATION_INTERVAL),
                number(Parameter.ALERTMANAGER_REPLICAS, base.alertmanagerReplicas()), text(Parameter.ALERTMANAGER_VOLUME),
                text(Parameter.WEBHOOK_URL), text(Parameter.GROUP_WAIT), text(Parameter.GROUP_INTERVAL), text(Parameter.REPEAT_INTERVAL),
                list(Parameter.GROUP_BY),
                on(Parameter.DINGTALK), on(Parameter.WECHAT), text(Parameter.WECHAT_IMAGE),
                number(Parameter.THANOS_QUERY_REPLICAS, base.thanosQueryReplicas()),
                number(Parameter.THANOS_STORE_REPLICAS, base.thanosStoreReplicas()), on(Parameter.THANOS_RULER),
                text(Parameter.THANOS_STORE_VOLUME), text(Parameter.THANOS_COMPACTOR_VOLUME), text(Parameter.RETENTION_RAW),
                text(Parameter.RETENTION_5M), text(Parameter.RETENTION_1H), text(Parameter.BUCKET), text(Parameter.OBJECT_STORE_VOLUME),
                text(Parameter.S3_ENDPOINT), text(Parameter.S3_REGION), on(Parameter.S3_INSECURE), text(Parameter.INFLUXDB_VOLUME),
                on(Parameter.GRAFANA), text(Parameter.GRAFANA_VOLUME), on(Parameter.NODE_EXPORTER), on(Parameter.KUBE_STATE_METRICS),
                text(Parameter.STORAGE_CLASS), text(Parameter.REGISTRY_MIRROR), list(Parameter.IMAGE_PULL_SECRETS),
                text(Parameter.CLUSTER_DOMAIN), on(Parameter.NETWORK_POLICIES), text(Parameter.API_SERVER_CIDR),
                text(Parameter.EMAIL_TO), text(Parameter.SMTP_SMARTHOST), text(Parameter.SMTP_FROM), text(Parameter.SMTP_USERNAME),
                number(Parameter.PROMETHEUS_SHARDS, base.prometheusShards()), text(Parameter.ETCD_CERTS_SECRET),
                RemoteWriteTarget.parseAll(get(Parameter.REMOTE_WRITE), new ArrayList<>()), base.targets());
    }

    /** What the operator typed into secret fields (those of a component that is off stay empty). */
    public StackSecrets typedSecrets() {
        boolean existing = backend() == Backend.THANOS_EXISTING_S3;
        return new StackSecrets(existing ? text(Parameter.S3_ACCESS_KEY) : "", existing ? text(Parameter.S3_SECRET_KEY) : "", "",
                on(Parameter.DINGTALK) ? text(Parameter.DINGTALK_ROBOT_URL) : "", on(Parameter.WECHAT) ? text(Parameter.WECHAT_ROBOT_URL) : "",
                "", text(Parameter.EMAIL_TO).isEmpty() ? "" : text(Parameter.SMTP_PASSWORD));
    }

    /** Every problem, at most one per parameter, in the order of {@link Parameter}. */
    public Map<Parameter, String> problems() {
        Map<Parameter, String> found = new EnumMap<>(Parameter.class);
        for (Parameter p : List.of(Parameter.PROMETHEUS_REPLICAS, Parameter.PROMETHEUS_SHARDS, Parameter.ALERTMANAGER_REPLICAS,
                Parameter.THANOS_QUERY_REPLICAS, Parameter.THANOS_STORE_REPLICAS)) {
            if (!get(p).strip().matches("[0-9]{1,3}")) {
                found.put(p, "'" + get(p).strip() + "' is not a whole number");
            }
        }
        for (Parameter p : Parameter.values()) {
            if (p.kind() == Parameter.Kind.SWITCH && !get(p).matches("true|false")) {
                found.put(p, "'" + get(p) + "' is neither true nor false");
            }
        }
        List<String> remoteWriteProblems = new ArrayList<>();
        RemoteWriteTarget.parseAll(get(Parameter.REMOTE_WRITE), remoteWriteProblems);
        if (!remoteWriteProblems.isEmpty()) {
            found.put(Parameter.REMOTE_WRITE, String.join("; ", remoteWriteProblems));
        }
        Backend backend = backend();
        if (backend == null) {
            found.put(Parameter.BACKEND, "'" + get(Parameter.BACKEND) + "' is not one of " + String.join(", ",
                    Arrays.stream(Backend.values()).map(Enum::name).toList()));
        }
        for (ParameterProblem problem : ParameterCheck.problems(parameters())) {
            found.putIfAbsent(problem.parameter(), problem.message());
        }
        if (backend == Backend.THANOS_EXISTING_S3) {
            if (text(Parameter.S3_ACCESS_KEY).isEmpty()) {
                found.put(Parameter.S3_ACCESS_KEY, "the access key the Thanos components use");
            }
            if (text(Parameter.S3_SECRET_KEY).isEmpty()) {
                found.put(Parameter.S3_SECRET_KEY, "the secret key that goes with the access key");
            }
        } else {
            found.remove(Parameter.S3_ENDPOINT);
        }
        robotUrl(found, Parameter.DINGTALK, Parameter.DINGTALK_ROBOT_URL,
                "the DingTalk robot's webhook URL, e.g. https://oapi.dingtalk.com/robot/send?access_token=…");
        robotUrl(found, Parameter.WECHAT, Parameter.WECHAT_ROBOT_URL,
                "the WeChat Work robot's webhook URL, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…");
        if (!on(Parameter.GRAFANA)) {
            found.remove(Parameter.GRAFANA_VOLUME);
        }
        if (backend != null && !backend.thanos()) {
            List.of(Parameter.OBJECT_STORE_VOLUME, Parameter.THANOS_STORE_VOLUME, Parameter.THANOS_COMPACTOR_VOLUME, Parameter.BUCKET,
                    Parameter.RETENTION_RAW, Parameter.RETENTION_5M, Parameter.RETENTION_1H, Parameter.THANOS_QUERY_REPLICAS,
                    Parameter.THANOS_STORE_REPLICAS).forEach(found::remove);
        }
        if (backend != Backend.INFLUXDB) {
            found.remove(Parameter.INFLUXDB_VOLUME);
        }
        return found;
    }

    /** The problems as a map from parameter key to message, for output. */
    public static Map<String, String> byKey(Map<Parameter, String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        problems.forEach((p, m) -> out.put(p.key(), m));
        return out;
    }

    private void robotUrl(Map<Parameter, String> found, Parameter enabled, Parameter field, String hint) {
        if (!on(enabled)) {
            return;
        }
        String value = text(field);
        HttpUrl url = HttpUrl.parse(value);
        if (url == null || url.host().isEmpty()) {
            found.put(field, value.isEmpty() ? "needed: " + hint : "'" + value + "' is not an http:// or https:// URL");
        }
    }

    private String text(Parameter p) {
        return get(p).strip();
    }

    private int number(Parameter p, int fallback) {
        try {
            return Integer.parseInt(text(p));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private List<String> list(Parameter p) {
        return Arrays.stream(get(p).split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
