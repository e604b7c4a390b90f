package io.promdeck.app.config;

import java.io.IOException;

/** Reads and writes configuration sources, with optimistic concurrency. */
public interface ConfigStore {

    SourceDocument read(ConfigSource source) throws IOException;

    /**
     * Writes {@code content} if the source still has the version {@code read} had; returns the source as written.
     *
     * @throws ConcurrentChange when it changed in between (nothing is written)
     */
    SourceDocument write(SourceDocument read, String content) throws IOException, ConcurrentChange;
}
