package io.promdeck.app.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What an earlier install left in the cluster: its parameters (ConfigMap {@value StackParameters#CONFIG_MAP}) and
 * its generated secret values, so an upgrade or a resumed install keeps them, from any workstation.
 */
public final class InstallState {

    private final KubernetesClient client;

    public InstallState(KubernetesClient client) {
        this.client = client;
    }

    public Optional<StackParameters> parameters(String namespace) throws IOException {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(StackParameters.CONFIG_MAP).get();
        if (map == null || map.getData() == null || !map.getData().containsKey("parameters.json")) {
            return Optional.empty();
        }
        return Optional.of(Json.mapper().readValue(map.getData().get("parameters.json"), StackParameters.class));
    }

    /** Generated values already in the cluster (empty strings where none). */
    public StackSecrets generatedSecrets(String namespace) throws IOException {
        String accessKey = "";
        String secretKey = "";
        String objstore = value(namespace, "thanos-objstore", "objstore.yml");
        if (!objstore.isEmpty()) {
            JsonNode config = new YAMLMapper().readTree(objstore).path("config");
            accessKey = config.path("access_key").asText("");
            secretKey = config.path("secret_key").asText("");
        }
        return new StackSecrets(accessKey, secretKey, value(namespace, "grafana-admin", "password"),
                value(namespace, "dingtalk-config", "config.yml").isEmpty() ? "" : dingtalkUrl(value(namespace, "dingtalk-config", "config.yml")),
                value(namespace, "wechat-robot", "url"), value(namespace, "influxdb-auth", "password"),
                smtpPassword(value(namespace, "alertmanager-config", "alertmanager.yml")));
    }

    /** Secret values for a (re-)install: fresh ones where the cluster has none, the cluster's where it has. */
    public StackSecrets secretsFor(String namespace, StackSecrets fresh) throws IOException {
        return fresh.keepingGeneratedFrom(generatedSecrets(namespace));
    }

    private String value(String namespace, String name, String key) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return "";
        }
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        // The mock API server keeps stringData as sent; a real one turns it into data.
        return secret.getStringData() != null ? secret.getStringData().getOrDefault(key, "") : "";
    }

    private static String smtpPassword(String config) throws IOException {
        return config.isEmpty() ? "" : new YAMLMapper().readTree(config).at("/global/smtp_auth_password").asText("");
    }

    private static String dingtalkUrl(String config) throws IOException {
        return new YAMLMapper().readTree(config).at("/targets/promdeck/url").asText("");
    }
}
