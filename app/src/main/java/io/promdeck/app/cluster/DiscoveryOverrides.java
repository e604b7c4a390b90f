package io.promdeck.app.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdeck.app.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Per-context discovery overrides, kept as JSON in the settings folder and written atomically. */
public final class DiscoveryOverrides {

    private static final String FILE = "discovery-overrides.json";
    private static final TypeReference<Map<String, Map<Component, DiscoveryOverride>>> TYPE = new TypeReference<>() { };

    private final Path file;
    private final ObjectMapper mapper = Json.mapper();

    public DiscoveryOverrides(SettingsFolder settings) throws IOException {
        this.file = settings.file(FILE);
    }

    public synchronized Map<Component, DiscoveryOverride> forContext(String context) throws IOException {
        Map<Component, DiscoveryOverride> found = readAll().get(context);
        return found == null ? Map.of() : Map.copyOf(found);
    }

    /** Sets (or with null, removes) one component's override for a context. */
    public synchronized void put(String context, Component component, DiscoveryOverride override) throws IOException {
        Map<String, Map<Component, DiscoveryOverride>> all = readAll();
        Map<Component, DiscoveryOverride> forContext = new EnumMap<>(Component.class);
        forContext.putAll(all.getOrDefault(context, Map.of()));
        if (override == null) {
            forContext.remove(component);
        } else {
            forContext.put(component, override);
        }
        all.put(context, forContext);
        Path temp = file.resolveSibling(FILE + ".tmp");
        Files.write(temp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Map<String, Map<Component, DiscoveryOverride>> readAll() throws IOException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        Map<String, Map<Component, DiscoveryOverride>> read = mapper.readValue(file.toFile(), TYPE);
        return read == null ? new TreeMap<>() : new TreeMap<>(new LinkedHashMap<>(read));
    }
}
