package io.promdeck.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link MockApiServer} and a client on it for every test ({@code @RegisterExtension final MockApiExtension
 * kube = new MockApiExtension();}), closed after it.
 */
public final class MockApiExtension implements BeforeEachCallback, AfterEachCallback {

    private MockApiServer api;
    private KubernetesClient client;

    public MockApiServer api() {
        return api;
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        api = new MockApiServer();
        client = api.server().createClient();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        api.close();
    }
}
