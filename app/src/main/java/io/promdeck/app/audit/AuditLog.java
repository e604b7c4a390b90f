package io.promdeck.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The console's record of what it did to stacks: an append-only JSON-lines file in the settings folder
 * ({@code audit.jsonl}, readable by its owner only), one line per action, kept across restarts. Every value passes
 * {@link SecretMask} before it is written: a configuration diff never carries a password or token. A line that
 * cannot be read (another program's, a torn write) is skipped and counted, never a reason to lose the rest.
 */
public final class AuditLog {

    public static final String FILE = "audit.jsonl";
    /** Built at the first read or write (off the FX thread), not when the window's start loads this class. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The entries read, and how many lines could not be. */
    public record Contents(List<AuditEntry> entries, int unreadable) {
        public Contents {
            entries = List.copyOf(entries);
        }
    }

    private final Path file;
    private final List<Consumer<AuditEntry>> listeners = new CopyOnWriteArrayList<>();

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void addListener(Consumer<AuditEntry> listener) {
        listeners.add(listener);
    }

    /** Appends one entry (secrets masked). The action already happened: a failure to record it is the caller's to show. */
    public synchronized void append(AuditEntry entry) throws IOException {
        Map<String, String> details = new LinkedHashMap<>();
        entry.details().forEach((k, v) -> details.put(k, SecretMask.mask(v)));
        AuditEntry masked = new AuditEntry(entry.at(), entry.who(), entry.where(), entry.action(), SecretMask.mask(entry.target()),
                SecretMask.mask(entry.outcome()), details);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            // Created owner-only from the start: no moment where the umask's permissions apply.
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another console created it in between: append to it.
            }
        }
        Files.writeString(file, Mapper.JSON.writeValueAsString(masked) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        listeners.forEach(l -> l.accept(masked));
    }

    /** Every entry, oldest first. */
    public synchronized Contents read() throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), 0);
        }
        List<AuditEntry> entries = new ArrayList<>();
        int unreadable = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(Mapper.JSON.readValue(line, AuditEntry.class));
            } catch (IOException e) {
                unreadable++;
            }
        }
        return new Contents(entries, unreadable);
    }
}
