package io.promdeck.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.testing.kube.MockApiServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ConfigMap and Secret sources on the mock API server, which refuses a stale resourceVersion with 409 as a real one does. */
class KubeConfigStoreTest {

    private MockApiServer api;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        api = new MockApiServer();
        client = api.server().createClient();
        client.configMaps().inNamespace("monitoring").resource(new ConfigMapBuilder().withNewMetadata().withName("prometheus-rules")
                .withNamespace("monitoring").addToLabels("app", "prometheus").endMetadata()
                .withData(Map.of("a.yml", "groups: []\n", "b.yml", "groups: [{name: b, rules: []}]\n")).build()).create();
        client.secrets().inNamespace("monitoring").resource(new SecretBuilder().withNewMetadata().withName("alertmanager-config")
                .withNamespace("monitoring").endMetadata()
                .withData(Map.of("alertmanager.yml", Base64.getEncoder().encodeToString("route: {receiver: x}\n".getBytes(StandardCharsets.UTF_8))))
                .build()).create();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    @Test
    void aKeyIsWrittenWithTheOtherKeysAndLabelsKept() throws Exception {
        KubeConfigStore store = new KubeConfigStore(client);
        ConfigSource source = new ConfigSource.ConfigMapKey("monitoring", "prometheus-rules", "a.yml");
        SourceDocument read = store.read(source);
        assertThat(read.content()).isEqualTo("groups: []\n");

        SourceDocument written = store.write(read, "groups: [{name: a, rules: []}]\n");

        assertThat(written.version()).isNotEqualTo(read.version());
        var map = client.configMaps().inNamespace("monitoring").withName("prometheus-rules").get();
        assertThat(map.getData()).containsEntry("a.yml", "groups: [{name: a, rules: []}]\n").containsEntry("b.yml", "groups: [{name: b, rules: []}]\n");
        assertThat(map.getMetadata().getLabels()).containsEntry("app", "prometheus");
    }

    @Test
    void someoneElsesChangeInBetweenIsAConflictAndIsKept() throws Exception {
        KubeConfigStore store = new KubeConfigStore(client);
        ConfigSource source = new ConfigSource.ConfigMapKey("monitoring", "prometheus-rules", "a.yml");
        SourceDocument read = store.read(source);
        client.configMaps().inNamespace("monitoring").withName("prometheus-rules")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("a.yml", "groups: [{name: theirs, rules: []}]\n").build());

        assertThatThrownBy(() -> store.write(read, "groups: [{name: mine, rules: []}]\n")).isInstanceOf(ConcurrentChange.class)
                .hasMessageContaining("ConfigMap monitoring/prometheus-rules, key a.yml changed since it was read")
                .satisfies(e -> assertThat(((ConcurrentChange) e).current().content()).contains("theirs"));
        assertThat(store.read(source).content()).contains("theirs");
    }

    @Test
    void aSecretKeyIsDecodedAndEncoded() throws Exception {
        KubeConfigStore store = new KubeConfigStore(client);
        ConfigSource source = new ConfigSource.SecretKey("monitoring", "alertmanager-config", "alertmanager.yml");
        SourceDocument read = store.read(source);
        assertThat(read.content()).isEqualTo("route: {receiver: x}\n");
        store.write(read, "route: {receiver: y}\n");
        String stored = client.secrets().inNamespace("monitoring").withName("alertmanager-config").get().getData().get("alertmanager.yml");
        assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8)).isEqualTo("route: {receiver: y}\n");
        assertThatThrownBy(() -> store.read(new ConfigSource.SecretKey("monitoring", "nope", "x"))).hasMessage("Secret monitoring/nope does not exist");
    }
}
