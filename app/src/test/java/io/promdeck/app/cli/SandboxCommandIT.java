package io.promdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.sandbox.LocalStacks;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.testing.Sandboxes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code promdeck sandbox up | status | down} and {@code doctor --sandbox} on a real local stack, each command a
 * fresh "console" that knows the stack only from its record on disk.
 */
class SandboxCommandIT {

    private final Path data = Sandboxes.dataFolder();
    private final Map<String, String> environment = environment(data);

    private static Map<String, String> environment(Path data) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_DATA_HOME", data.toString());
        return env;
    }

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PromdeckCli.run(args, new PromdeckCli.Environment(environment, data, Clock.systemUTC()), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @AfterEach
    void down() {
        run("sandbox", "down");
    }

    @Test
    void upStatusDoctorAndDownWithTheirExitCodes() throws Exception {
        Run bad = run("sandbox", "up", "--topology", "mesh");
        assertThat(bad.code()).isEqualTo(PromdeckCli.COULD_NOT_CHECK);
        assertThat(bad.err()).contains("--topology: 'mesh' is not one of ha, federation, sharding, remote-storage, agent.");

        Run none = run("sandbox", "status");
        assertThat(none.code()).isEqualTo(PromdeckCli.FAILURES);
        assertThat(none.out()).contains("No local stack runs");

        Run up = run("sandbox", "up");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("Local stack: HA pair in " + data.resolve("promdeck/sandbox/stack"))
                .containsPattern("prometheus-0 +running +\\d+ +http://127\\.0\\.0\\.1:\\d+ +\\(ha\\)")
                .containsPattern("alertmanager-2 +running")
                .contains("Ready in");
        assertThat(up.err()).contains("Every process is ready");

        Run again = run("sandbox", "up");
        assertThat(again.code()).as("up is idempotent for the same topology").isZero();
        assertThat(again.out()).contains("Already running.");
        Run other = run("sandbox", "up", "--topology", "federation");
        assertThat(other.code()).isEqualTo(PromdeckCli.FAILURES);
        assertThat(other.err()).contains("A local stack (HA pair) already runs");

        Run doctor = run("doctor", "--sandbox");
        assertThat(doctor.out()).as(doctor.err()).contains("Promdeck doctor — local stack (HA pair)")
                .contains("Replica label: 'replica' from the local stack's configuration").contains("prometheus.config");
        assertThat(doctor.code()).isBetween(PromdeckCli.OK, PromdeckCli.FAILURES);

        Sandbox sandbox = LocalStacks.forUser(environment, data).find().sandbox().orElseThrow();
        sandbox.process("alertmanager-1").kill();
        Run partly = run("sandbox", "status");
        assertThat(partly.code()).as("some processes stopped: a warning").isEqualTo(PromdeckCli.WARNINGS);
        assertThat(partly.out()).containsPattern("alertmanager-1 +stopped");

        Run stopped = run("sandbox", "down");
        assertThat(stopped.code()).isZero();
        assertThat(stopped.out()).contains("Stopped the local stack.");
        assertThat(sandbox.status()).allSatisfy(s -> assertThat(s.state()).isEqualTo(Sandbox.MemberStatus.State.STOPPED));
        assertThat(run("sandbox", "down").out()).contains("No local stack runs: nothing to stop.");
        Run noDoctor = run("doctor", "--sandbox");
        assertThat(noDoctor.code()).isEqualTo(PromdeckCli.COULD_NOT_CHECK);
        assertThat(noDoctor.err()).contains("no local stack runs");
    }
}
