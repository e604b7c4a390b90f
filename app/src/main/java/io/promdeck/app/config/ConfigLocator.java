package io.promdeck.app.config;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Finds where a stack's configurations come from, and reads and writes them there. */
public interface ConfigLocator {

    /** The stack's configurations with their sources; blocking (reads pods or files). */
    List<ConfigUnit> locate() throws IOException;

    ConfigStore store();

    /** How long a replica may take to see a written source (a mounted ConfigMap syncs slowly; a file at once). */
    Duration syncBound();

    /** The bound for file sources: a reload reads the file at once; this only covers a slow reload. */
    Duration FILES = Duration.ofSeconds(20);
    /** The bound for ConfigMaps and Secrets: the kubelet's sync period (1 min) plus its ConfigMap cache (1 min) and margin. */
    Duration KUBELET = Duration.ofSeconds(150);
}
