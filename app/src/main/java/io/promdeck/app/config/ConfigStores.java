package io.promdeck.app.config;

import java.io.IOException;
import java.util.Optional;

/** Files through the file store, ConfigMaps and Secrets through the Kubernetes store (when the session has a cluster). */
public final class ConfigStores implements ConfigStore {

    private final FileConfigStore files = new FileConfigStore();
    private final Optional<KubeConfigStore> kube;

    public ConfigStores(Optional<KubeConfigStore> kube) {
        this.kube = kube;
    }

    private ConfigStore of(ConfigSource source) throws IOException {
        if (source instanceof ConfigSource.File) {
            return files;
        }
        return kube.orElseThrow(() -> new IOException(source.describe() + " is in a cluster this session is not connected to"));
    }

    @Override
    public SourceDocument read(ConfigSource source) throws IOException {
        return of(source).read(source);
    }

    @Override
    public SourceDocument write(SourceDocument read, String content) throws IOException, ConcurrentChange {
        return of(read.source()).write(read, content);
    }
}
