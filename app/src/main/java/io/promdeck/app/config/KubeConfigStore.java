package io.promdeck.app.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration in ConfigMaps and Secrets. A write is an update carrying the resourceVersion that was read: the API
 * server refuses it with 409 Conflict when the object changed since, and nothing is overwritten. Only the one key is
 * changed; the object's other keys, labels and annotations are kept.
 */
public final class KubeConfigStore implements ConfigStore {

    private final KubernetesClient client;

    public KubeConfigStore(KubernetesClient client) {
        this.client = client;
    }

    private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES);

    private io.fabric8.kubernetes.client.dsl.Resource<io.fabric8.kubernetes.api.model.GenericKubernetesResource> prometheusRule(
            ConfigSource.PrometheusRuleSpec source) {
        return client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup("monitoring.coreos.com").withVersion("v1").withKind("PrometheusRule").withPlural("prometheusrules")
                .withNamespaced(true).build()).inNamespace(source.namespace()).withName(source.name());
    }

    /** A PrometheusRule's groups as a rule file: {@code groups:} and the list, as promtool and the operator read it. */
    private SourceDocument readRule(ConfigSource.PrometheusRuleSpec source) throws IOException {
        io.fabric8.kubernetes.api.model.GenericKubernetesResource rule = prometheusRule(source).get();
        if (rule == null) {
            throw new IOException("PrometheusRule " + source.namespace() + "/" + source.name() + " does not exist");
        }
        Object spec = rule.getAdditionalProperties().get("spec");
        Object groups = spec instanceof Map<?, ?> map ? map.get("groups") : null;
        String text = YAML.writeValueAsString(Map.of("groups", groups == null ? java.util.List.of() : groups));
        return new SourceDocument(source, text, rule.getMetadata().getResourceVersion());
    }

    /** Writes the edited groups into the PrometheusRule's spec (its other fields, labels and annotations kept). */
    @SuppressWarnings("unchecked")
    private SourceDocument writeRule(SourceDocument read, ConfigSource.PrometheusRuleSpec source, String content) throws IOException {
        Object parsed = YAML.readValue(content, Object.class);
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("groups") instanceof java.util.List<?> groups) || map.size() != 1) {
            throw new IOException("A PrometheusRule holds rule groups only: the text must be a mapping with one key, 'groups', a list");
        }
        io.fabric8.kubernetes.api.model.GenericKubernetesResource rule = prometheusRule(source).get();
        if (rule == null) {
            throw new IOException("PrometheusRule " + source.namespace() + "/" + source.name() + " no longer exists");
        }
        Map<String, Object> spec = new LinkedHashMap<>(rule.getAdditionalProperties().get("spec") instanceof Map<?, ?> old
                ? (Map<String, Object>) old : Map.of());
        spec.put("groups", groups);
        rule.setAdditionalProperty("spec", spec);
        rule.getMetadata().setResourceVersion(read.version());
        io.fabric8.kubernetes.api.model.GenericKubernetesResource written = client.genericKubernetesResources(
                new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("monitoring.coreos.com").withVersion("v1")
                        .withKind("PrometheusRule").withPlural("prometheusrules").withNamespaced(true).build())
                .inNamespace(source.namespace()).resource(rule).update();
        return new SourceDocument(source, content, written.getMetadata().getResourceVersion());
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<io.fabric8.kubernetes.api.model.GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<io.fabric8.kubernetes.api.model.GenericKubernetesResource>> resources(
            ConfigSource.ResourceSpec source) {
        return client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup(source.apiVersion().substring(0, source.apiVersion().indexOf('/')))
                .withVersion(source.apiVersion().substring(source.apiVersion().indexOf('/') + 1)).withKind(source.kind())
                .withPlural(source.plural()).withNamespaced(true).build()).inNamespace(source.namespace());
    }

    private io.fabric8.kubernetes.client.dsl.Resource<io.fabric8.kubernetes.api.model.GenericKubernetesResource> resource(
            ConfigSource.ResourceSpec source) {
        return resources(source).withName(source.name());
    }

    /** A resource's spec as YAML. */
    private SourceDocument readSpec(ConfigSource.ResourceSpec source) throws IOException {
        io.fabric8.kubernetes.api.model.GenericKubernetesResource resource = resource(source).get();
        if (resource == null) {
            throw new IOException(source.kind() + " " + source.namespace() + "/" + source.name() + " does not exist");
        }
        Object spec = resource.getAdditionalProperties().get("spec");
        return new SourceDocument(source, YAML.writeValueAsString(spec == null ? Map.of() : spec), resource.getMetadata().getResourceVersion());
    }

    /** Replaces the resource's spec (its metadata and status kept), carrying the resourceVersion that was read. */
    private SourceDocument writeSpec(SourceDocument read, ConfigSource.ResourceSpec source, String content) throws IOException {
        Object parsed = YAML.readValue(content, Object.class);
        if (!(parsed instanceof Map<?, ?>)) {
            throw new IOException("A " + source.kind() + "'s spec must be a YAML mapping");
        }
        io.fabric8.kubernetes.api.model.GenericKubernetesResource resource = resource(source).get();
        if (resource == null) {
            throw new IOException(source.kind() + " " + source.namespace() + "/" + source.name() + " no longer exists");
        }
        resource.setAdditionalProperty("spec", parsed);
        resource.getMetadata().setResourceVersion(read.version());
        io.fabric8.kubernetes.api.model.GenericKubernetesResource written = resources(source).resource(resource).update();
        return new SourceDocument(source, content, written.getMetadata().getResourceVersion());
    }

    @Override
    public SourceDocument read(ConfigSource source) throws IOException {
        try {
            if (source instanceof ConfigSource.PrometheusRuleSpec rule) {
                return readRule(rule);
            }
            if (source instanceof ConfigSource.ResourceSpec spec) {
                return readSpec(spec);
            }
            if (source instanceof ConfigSource.ConfigMapKey cm) {
                ConfigMap map = client.configMaps().inNamespace(cm.namespace()).withName(cm.name()).get();
                if (map == null) {
                    throw new IOException("ConfigMap " + cm.namespace() + "/" + cm.name() + " does not exist");
                }
                String content = map.getData() == null ? null : map.getData().get(cm.key());
                if (content == null) {
                    throw new IOException(source.describe() + ": the key does not exist");
                }
                return new SourceDocument(source, content, map.getMetadata().getResourceVersion());
            }
            if (source instanceof ConfigSource.SecretKey sk) {
                Secret secret = client.secrets().inNamespace(sk.namespace()).withName(sk.name()).get();
                if (secret == null) {
                    throw new IOException("Secret " + sk.namespace() + "/" + sk.name() + " does not exist");
                }
                String encoded = secret.getData() == null ? null : secret.getData().get(sk.key());
                if (encoded == null) {
                    throw new IOException(source.describe() + ": the key does not exist");
                }
                return new SourceDocument(source, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8),
                        secret.getMetadata().getResourceVersion());
            }
        } catch (KubernetesClientException e) {
            throw new IOException("Cannot read " + source.describe() + ": " + reason(e), e);
        }
        throw new IOException("not a Kubernetes source: " + source.describe());
    }

    @Override
    public SourceDocument write(SourceDocument read, String content) throws IOException, ConcurrentChange {
        ConfigSource source = read.source();
        try {
            if (source instanceof ConfigSource.PrometheusRuleSpec rule) {
                return writeRule(read, rule, content);
            }
            if (source instanceof ConfigSource.ResourceSpec spec) {
                return writeSpec(read, spec, content);
            }
            if (source instanceof ConfigSource.ConfigMapKey cm) {
                ConfigMap map = client.configMaps().inNamespace(cm.namespace()).withName(cm.name()).get();
                if (map == null) {
                    throw new IOException("ConfigMap " + cm.namespace() + "/" + cm.name() + " no longer exists");
                }
                Map<String, String> data = new LinkedHashMap<>(map.getData() == null ? Map.of() : map.getData());
                data.put(cm.key(), content);
                map.setData(data);
                // The version that was read, not the one just fetched: the server decides whether anything changed since.
                map.getMetadata().setResourceVersion(read.version());
                ConfigMap written = client.configMaps().inNamespace(cm.namespace()).resource(map).update();
                return new SourceDocument(source, content, written.getMetadata().getResourceVersion());
            }
            if (source instanceof ConfigSource.SecretKey sk) {
                Secret secret = client.secrets().inNamespace(sk.namespace()).withName(sk.name()).get();
                if (secret == null) {
                    throw new IOException("Secret " + sk.namespace() + "/" + sk.name() + " no longer exists");
                }
                Map<String, String> data = new LinkedHashMap<>(secret.getData() == null ? Map.of() : secret.getData());
                data.put(sk.key(), Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
                secret.setData(data);
                secret.setStringData(null);
                secret.getMetadata().setResourceVersion(read.version());
                Secret written = client.secrets().inNamespace(sk.namespace()).resource(secret).update();
                return new SourceDocument(source, content, written.getMetadata().getResourceVersion());
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                SourceDocument now = read(source);
                throw new ConcurrentChange(read, now);
            }
            throw new IOException("Cannot write " + source.describe() + ": " + reason(e), e);
        }
        throw new IOException("not a Kubernetes source: " + source.describe());
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")";
        }
        return e.getMessage();
    }
}
