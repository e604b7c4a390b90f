package io.promdeck.app.install;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Validates {@link StackParameters} field by field with messages an operator can act on. Pure. */
public final class ParameterCheck {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(\\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9]+([._/:@-][A-Za-z0-9_.-]+)*");
    private static final Pattern REGISTRY = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9._-]+)*");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern CIDR = Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** Prometheus cuts 2h blocks; it must keep at least three locally so the sidecar can upload them in time. */
    static final Duration MIN_RETENTION = Duration.ofHours(6);

    private ParameterCheck() {
    }

    public static List<ParameterProblem> problems(StackParameters p) {
        List<ParameterProblem> problems = new ArrayList<>();
        dnsLabel(problems, Parameter.NAMESPACE, p.namespace());
        dnsLabel(problems, Parameter.INSTANCE, p.instance());
        if (p.cluster() == null || !LABEL_VALUE.matcher(p.cluster()).matches()) {
            problems.add(new ParameterProblem(Parameter.CLUSTER, "use letters, digits, '_', '.' or '-' (it becomes the cluster external label)"));
        }
        if (p.replicaLabel() == null || !LABEL_NAME.matcher(p.replicaLabel()).matches()) {
            problems.add(new ParameterProblem(Parameter.REPLICA_LABEL, "not a Prometheus label name"));
        }
        if (p.backend() == null) {
            problems.add(new ParameterProblem(Parameter.BACKEND, "choose a storage backend"));
        }
        atLeast(problems, Parameter.PROMETHEUS_REPLICAS, p.prometheusReplicas(), 2, "HA needs at least 2 Prometheus replicas");
        atLeast(problems, Parameter.ALERTMANAGER_REPLICAS, p.alertmanagerReplicas(), 2, "a gossip cluster needs at least 2 Alertmanagers (3 recommended)");
        atLeast(problems, Parameter.THANOS_QUERY_REPLICAS, p.thanosQueryReplicas(), 1, "Thanos Query needs at least 1 replica");
        atLeast(problems, Parameter.THANOS_STORE_REPLICAS, p.thanosStoreReplicas(), 1, "the Store Gateway needs at least 1 replica");
        if (p.prometheusShards() < 1 || p.prometheusShards() > 16) {
            problems.add(new ParameterProblem(Parameter.PROMETHEUS_SHARDS, "between 1 (no sharding) and 16 shards"));
        } else if (p.prometheusShards() > 1 && p.backend() == Backend.INFLUXDB) {
            problems.add(new ParameterProblem(Parameter.PROMETHEUS_SHARDS,
                    "shards are queried as a whole through Thanos Query (or written by agents to one receiver): choose a Thanos backend or agent mode"));
        }
        if (p.backend() == Backend.AGENT) {
            if (p.remoteWrite().isEmpty()) {
                problems.add(new ParameterProblem(Parameter.REMOTE_WRITE,
                        "agents keep no data: name the receiver they write to, e.g. http://greptimedb-frontend.db:4000/v1/prometheus/write?db=public"));
            }
            if (p.grafana()) {
                // Said at the backend, where the choice is made; Grafana's switch is a step earlier.
                problems.add(new ParameterProblem(Parameter.BACKEND, "agents answer no queries, so the bundled Grafana would have no data "
                        + "source: turn Grafana off (Components) and point a Grafana at the receiver"));
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (RemoteWriteTarget target : p.remoteWrite()) {
            if (!names.add(target.name())) {
                problems.add(new ParameterProblem(Parameter.REMOTE_WRITE, "the name '" + target.name() + "' is used by two targets"));
            }
            url(problems, Parameter.REMOTE_WRITE, target.url());
        }
        if (!p.etcdCertsSecret().isEmpty() && !DNS_SUBDOMAIN.matcher(p.etcdCertsSecret()).matches()) {
            problems.add(new ParameterProblem(Parameter.ETCD_CERTS_SECRET, "'" + p.etcdCertsSecret() + "' is not a Secret name"));
        }
        if (!p.apiServerCidr().isEmpty() && !CIDR.matcher(p.apiServerCidr()).matches()) {
            problems.add(new ParameterProblem(Parameter.API_SERVER_CIDR, "'" + p.apiServerCidr() + "' is not a CIDR such as 10.0.0.0/24"));
        }
        if (p.clusterDomain() == null || !DNS_SUBDOMAIN.matcher(p.clusterDomain()).matches()) {
            problems.add(new ParameterProblem(Parameter.CLUSTER_DOMAIN, "'" + p.clusterDomain() + "' is not a DNS domain such as cluster.local"));
        }
        duration(problems, Parameter.PROMETHEUS_RETENTION, p.prometheusRetention()).ifPresent(d -> {
            if (d.compareTo(MIN_RETENTION) < 0) {
                problems.add(new ParameterProblem(Parameter.PROMETHEUS_RETENTION,
                        "keep at least 6h locally (3 blocks of 2h), or blocks can be deleted before the sidecar uploads them"));
            }
        });
        duration(problems, Parameter.SCRAPE_INTERVAL, p.scrapeInterval());
        duration(problems, Parameter.EVALUATION_INTERVAL, p.evaluationInterval());
        duration(problems, Parameter.GROUP_WAIT, p.groupWait());
        duration(problems, Parameter.GROUP_INTERVAL, p.groupInterval());
        duration(problems, Parameter.REPEAT_INTERVAL, p.repeatInterval());
        duration(problems, Parameter.RETENTION_RAW, p.retentionRaw());
        duration(problems, Parameter.RETENTION_5M, p.retention5m());
        duration(problems, Parameter.RETENTION_1H, p.retention1h());
        quantity(problems, Parameter.PROMETHEUS_VOLUME, p.prometheusVolume());
        quantity(problems, Parameter.ALERTMANAGER_VOLUME, p.alertmanagerVolume());
        quantity(problems, Parameter.THANOS_STORE_VOLUME, p.thanosStoreVolume());
        quantity(problems, Parameter.THANOS_COMPACTOR_VOLUME, p.thanosCompactorVolume());
        quantity(problems, Parameter.OBJECT_STORE_VOLUME, p.objectStoreVolume());
        quantity(problems, Parameter.INFLUXDB_VOLUME, p.influxdbVolume());
        quantity(problems, Parameter.GRAFANA_VOLUME, p.grafanaVolume());
        quantity(problems, Parameter.PROMETHEUS_MEMORY, p.prometheusMemory());
        quantity(problems, Parameter.PROMETHEUS_MEMORY_LIMIT, p.prometheusMemoryLimit());
        quantity(problems, Parameter.PROMETHEUS_CPU, p.prometheusCpu());
        if (p.webhookUrl() == null || p.webhookUrl().isBlank()) {
            if (!p.dingtalk() && !p.wechat() && p.emailTo().isBlank()) {
                problems.add(new ParameterProblem(Parameter.WEBHOOK_URL,
                        "alerts need somewhere to go: a webhook URL here, e-mail, or a DingTalk or WeChat robot below"));
            }
        } else {
            url(problems, Parameter.WEBHOOK_URL, p.webhookUrl());
        }
        if (!p.emailTo().isBlank()) {
            for (String address : p.emailTo().split("\\s*,\\s*")) {
                if (!EMAIL.matcher(address).matches()) {
                    problems.add(new ParameterProblem(Parameter.EMAIL_TO, "'" + address + "' is not an e-mail address"));
                }
            }
            if (!HOST_PORT.matcher(p.smtpSmarthost()).matches() || !p.smtpSmarthost().contains(":")) {
                problems.add(new ParameterProblem(Parameter.SMTP_SMARTHOST, "the mail server as host:port, e.g. smtp.corp.example:587"));
            }
            if (!EMAIL.matcher(p.smtpFrom()).matches()) {
                problems.add(new ParameterProblem(Parameter.SMTP_FROM, "the sender's address, e.g. alerts@corp.example"));
            }
        }
        if (p.groupBy().isEmpty()) {
            problems.add(new ParameterProblem(Parameter.GROUP_BY, "name at least one label, e.g. alertname (or '...' for no grouping)"));
        }
        for (String label : p.groupBy()) {
            if (!"...".equals(label) && !LABEL_NAME.matcher(label).matches()) {
                problems.add(new ParameterProblem(Parameter.GROUP_BY, "'" + label + "' is not a label name"));
            }
        }
        if (p.wechat() && (p.wechatImage() == null || !IMAGE.matcher(p.wechatImage()).matches())) {
            problems.add(new ParameterProblem(Parameter.WECHAT_IMAGE, "the WeChat bridge needs an image (the reference implementation publishes none)"));
        }
        if (p.bucket() == null || !BUCKET.matcher(p.bucket()).matches()) {
            problems.add(new ParameterProblem(Parameter.BUCKET, "3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit"));
        }
        if (p.backend() == Backend.THANOS_EXISTING_S3) {
            if (p.s3Endpoint() == null || !HOST_PORT.matcher(p.s3Endpoint()).matches()) {
                problems.add(new ParameterProblem(Parameter.S3_ENDPOINT, "host or host:port without a scheme, e.g. s3.eu-west-1.amazonaws.com"));
            }
        }
        if (p.storageClass() != null && !p.storageClass().isEmpty() && !DNS_SUBDOMAIN.matcher(p.storageClass()).matches()) {
            problems.add(new ParameterProblem(Parameter.STORAGE_CLASS, "not a StorageClass name"));
        }
        if (p.registryMirror() != null && !p.registryMirror().isEmpty()
                && (p.registryMirror().contains("://") || !REGISTRY.matcher(p.registryMirror()).matches())) {
            problems.add(new ParameterProblem(Parameter.REGISTRY_MIRROR, "a registry host with an optional path, no scheme: e.g. registry.corp:5000/mirror"));
        }
        for (String secret : p.imagePullSecrets()) {
            if (!DNS_SUBDOMAIN.matcher(secret).matches()) {
                problems.add(new ParameterProblem(Parameter.IMAGE_PULL_SECRETS, "'" + secret + "' is not a Secret name"));
            }
        }
        if (p.targets().mode() == StackParameters.Targets.Mode.STATIC
                && (p.targets().prometheus().isEmpty() || p.targets().alertmanagers().isEmpty())) {
            problems.add(new ParameterProblem(Parameter.TARGETS, "static targets need Prometheus and Alertmanager addresses"));
        }
        return List.copyOf(problems);
    }

    /** Parses a Prometheus duration (1y2w3d4h5m6s7ms) longer than zero, or returns empty when it is not one. */
    public static java.util.Optional<Duration> parseDuration(String text) {
        long millis = io.promdeck.app.promql.PromDuration.millis(text);
        return millis > 0 ? java.util.Optional.of(Duration.ofMillis(millis)) : java.util.Optional.empty();
    }

    private static java.util.Optional<Duration> duration(List<ParameterProblem> problems, Parameter field, String value) {
        java.util.Optional<Duration> parsed = parseDuration(value);
        if (parsed.isEmpty()) {
            problems.add(new ParameterProblem(field, "'" + value + "' is not a duration such as 30s, 5m, 12h or 30d"));
        }
        return parsed;
    }

    private static void quantity(List<ParameterProblem> problems, Parameter field, String value) {
        Matcher m = value == null ? null : QUANTITY.matcher(value);
        if (m == null || !m.matches()) {
            problems.add(new ParameterProblem(field, "'" + value + "' is not a Kubernetes quantity such as 500m, 2Gi or 100Gi"));
        } else if (Double.parseDouble(m.group(1)) <= 0) {
            problems.add(new ParameterProblem(field, "must be more than zero"));
        }
    }

    private static void url(List<ParameterProblem> problems, Parameter field, String value) {
        HttpUrl url = value == null ? null : HttpUrl.parse(value);
        if (url == null || url.host().isEmpty()) {
            problems.add(new ParameterProblem(field, "'" + value + "' is not an http:// or https:// URL"));
        }
    }

    private static void dnsLabel(List<ParameterProblem> problems, Parameter field, String value) {
        if (value == null || value.isEmpty() || value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            problems.add(new ParameterProblem(field, "'" + value + "' is not a DNS-1123 label: at most 63 lower-case letters, digits or '-', "
                    + "starting and ending with a letter or digit"));
        }
    }

    private static void atLeast(List<ParameterProblem> problems, Parameter field, int value, int minimum, String why) {
        if (value < minimum) {
            problems.add(new ParameterProblem(field, why));
        }
    }
}
