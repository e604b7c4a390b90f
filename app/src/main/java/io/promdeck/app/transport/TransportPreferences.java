package io.promdeck.app.transport;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The transport the operator chose for each kubeconfig context, remembered across runs ({@code transports.json} in the
 * settings folder, written atomically). No entry means "automatic": chosen from the RBAC preflight at each connect.
 */
public final class TransportPreferences {

    private static final String FILE = "transports.json";
    private static final TypeReference<Map<String, TransportMode>> TYPE = new TypeReference<>() { };

    private final Path file;
    private final ObjectMapper mapper = Json.mapper();

    public TransportPreferences(SettingsFolder settings) throws IOException {
        this.file = settings.file(FILE);
    }

    /** Every context's chosen transport. A file this version cannot read counts as no choices (and is rewritten). */
    public synchronized Map<String, TransportMode> all() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, TransportMode> read = mapper.readValue(file.toFile(), TYPE);
            return read == null ? Map.of() : Map.copyOf(read);
        } catch (IOException e) {
            return Map.of();
        }
    }

    public Optional<TransportMode> forContext(String context) {
        return Optional.ofNullable(all().get(context));
    }

    /** Remembers {@code mode} for the context; empty goes back to automatic. */
    public synchronized void put(String context, Optional<TransportMode> mode) throws IOException {
        Map<String, TransportMode> all = new TreeMap<>(all());
        if (mode.isPresent()) {
            all.put(context, mode.get());
        } else {
            all.remove(context);
        }
        Path temp = file.resolveSibling(FILE + ".tmp");
        Files.write(temp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
