package io.promdeck.app.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.promdeck.app.input.ReadProblems;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a running local stack is, written to {@code sandbox.json} in its folder once every process started: the plan
 * (members, ports, command lines) and each process' pid. A console started later re-attaches from it.
 *
 * @param format   1; a later format is refused with a sentence rather than half-read
 * @param started  when the stack was started
 * @param pids     member name → pid, as started
 * @param commands member name → the command line it was started with (the program's path found then)
 */
public record SandboxState(int format, Topology topology, String dir, int receiverPort, Instant started, List<Member> members,
        java.util.Map<String, Long> pids, java.util.Map<String, List<String>> commands) {

    public static final String FILE = "sandbox.json";
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public SandboxState {
        members = List.copyOf(members);
        pids = java.util.Map.copyOf(pids);
        commands = java.util.Map.copyOf(commands);
    }

    /** Written atomically (a temporary file moved into place): a reader sees the old state or the new, never half. */
    public void write() throws IOException {
        Path folder = Path.of(dir);
        Files.createDirectories(folder);
        Path temporary = folder.resolve(FILE + ".tmp");
        JSON.writeValue(temporary.toFile(), this);
        try {
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The state in {@code folder}, or empty when there is none; a file that cannot be read is a sentence naming it. */
    public static Optional<SandboxState> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        SandboxState state;
        try {
            state = JSON.readValue(file.toFile(), SandboxState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " cannot be read: " + ReadProblems.explain(e), e);
        }
        if (state.format() != FORMAT) {
            throw new IOException(file + " is format " + state.format() + ", written by another Promdeck version; stop that stack with it, "
                    + "or remove the folder " + folder);
        }
        return Optional.of(state);
    }
}
