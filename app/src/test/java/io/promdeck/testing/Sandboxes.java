package io.promdeck.testing;

import io.promdeck.app.sandbox.MissingPrograms;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.sandbox.SandboxException;
import io.promdeck.app.sandbox.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local stacks for tests, started by the product's own {@link Sandbox} in a folder under the labs' temp folder (so a
 * JVM killed mid-test has its processes reaped by the next run), and stopped with the test JVM at the latest.
 */
public final class Sandboxes {

    private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Sandboxes() {
    }

    /** A new folder for a stack, not yet created. */
    public static Path folder() {
        try {
            StrayProcesses.reapOrphans();
            return StrayProcesses.root().resolve("lab-" + ProcessHandle.current().pid() + "-sandbox-" + SEQUENCE.incrementAndGet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new data folder (XDG_DATA_HOME) for a test of the product's own stack folder, reaped like the labs'. */
    public static Path dataFolder() {
        try {
            StrayProcesses.reapOrphans();
            return StrayProcesses.root().resolve("lab-" + ProcessHandle.current().pid() + "-data-" + SEQUENCE.incrementAndGet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Sandbox start(Topology topology) {
        return start(topology, 0);
    }

    /** Starts a stack and waits until every process is ready; a missing program fails the test with the install sentence. */
    public static Sandbox start(Topology topology, int receiverPort) {
        try {
            Sandbox sandbox = Sandbox.start(topology, folder(), Sandbox.Options.forTests().withReceiverPort(receiverPort),
                    Sandbox.Listener.none());
            LOG.info("{} stack ready in {} ms; slowest member {}", topology.cliName(), sandbox.startup().toMillis(), sandbox.readiness().entrySet()
                    .stream().max(java.util.Map.Entry.comparingByValue()).map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").orElse(""));
            return sandbox;
        } catch (MissingPrograms e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (SandboxException e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
