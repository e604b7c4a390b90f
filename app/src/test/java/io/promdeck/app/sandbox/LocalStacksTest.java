package io.promdeck.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, re-attaching and cleaning up a local stack, with stand-in processes (sleep) whose command lines we choose. */
class LocalStacksTest {

    @TempDir
    Path root;

    private final java.util.List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void stopStandIns() {
        started.forEach(Process::destroyForcibly);
    }

    /** A process whose command line names {@code folder} (as the stack's programs' do) when {@code ours}. */
    private Process standIn(Path folder, boolean ours) throws IOException {
        List<String> command = ours ? List.of("sh", "-c", "sleep 60", folder.resolve("config").toString()) : List.of("sleep", "60");
        Process p = new ProcessBuilder(command).start();
        started.add(p);
        return p;
    }

    private SandboxState state(LocalStacks stacks, Map<String, Long> pids) {
        SandboxPlan plan = SandboxPlan.create(Topology.HA, stacks.folder(), 0);
        return new SandboxState(SandboxState.FORMAT, Topology.HA, stacks.folder().toString(), plan.receiverPort(), Instant.parse("2026-11-29T10:00:00Z"),
                plan.members(), pids, Map.of());
    }

    @Test
    void nothingRecordedIsNothingFound() throws IOException {
        LocalStacks.Found found = new LocalStacks(root).find();
        assertThat(found.sandbox()).isEmpty();
        assertThat(found.note()).isEmpty();
    }

    @Test
    void aRecordWhoseOnlyLivePidBelongsToAnotherProgramIsRemovedWithoutSignallingIt() throws Exception {
        LocalStacks stacks = new LocalStacks(root);
        Process other = standIn(root.resolve("elsewhere"), false);
        state(stacks, Map.of("prometheus-0", other.pid(), "alertmanager-0", 999_999_999L)).write();

        LocalStacks.Found found = stacks.find();

        assertThat(found.sandbox()).isEmpty();
        assertThat(found.note()).startsWith("Removed the record of a local stack (HA pair, started ").contains("none of whose processes runs");
        assertThat(stacks.folder()).doesNotExist();
        assertThat(other.isAlive()).as("a pid reused by another program is never signalled").isTrue();
        assertThat(other.waitFor(200, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void aStackWithOneOfItsProcessesRunningIsFoundAndStoppedExactly() throws Exception {
        LocalStacks stacks = new LocalStacks(root);
        Process ours = standIn(stacks.folder().resolve("prometheus-0"), true);
        Process other = standIn(root.resolve("elsewhere"), false);
        state(stacks, Map.of("prometheus-0", ours.pid(), "prometheus-1", other.pid())).write();

        Sandbox sandbox = stacks.find().sandbox().orElseThrow();
        assertThat(sandbox.liveness()).isEqualTo(Sandbox.Liveness.PARTLY_RUNNING);
        assertThat(sandbox.status()).filteredOn(s -> s.member().name().equals("prometheus-0")).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(Sandbox.MemberStatus.State.RUNNING));
        assertThat(sandbox.status()).filteredOn(s -> s.member().name().equals("prometheus-1")).singleElement()
                .satisfies(s -> assertThat(s.state()).as("another program's pid is not this member").isEqualTo(Sandbox.MemberStatus.State.STOPPED));

        assertThat(stacks.down()).isTrue();
        assertThat(ours.waitFor(15, TimeUnit.SECONDS)).as("the stack's own process stopped").isTrue();
        assertThat(other.isAlive()).as("the other program still runs").isTrue();
        assertThat(stacks.folder()).doesNotExist();
        assertThat(stacks.down()).as("nothing left to stop").isFalse();
    }

    @Test
    void aStartThatNeverFinishedIsCleanedUpByItsPidFiles() throws Exception {
        LocalStacks stacks = new LocalStacks(root);
        Path member = Files.createDirectories(stacks.folder().resolve("alertmanager-0"));
        Process ours = standIn(member, true);
        Files.writeString(member.resolve("alertmanager-0.pid"), Long.toString(ours.pid()));
        Process other = standIn(root.resolve("elsewhere"), false);
        Path second = Files.createDirectories(stacks.folder().resolve("alertmanager-1"));
        Files.writeString(second.resolve("alertmanager-1.pid"), Long.toString(other.pid()));

        LocalStacks.Found found = stacks.find();

        assertThat(found.sandbox()).isEmpty();
        assertThat(found.note()).isEqualTo("Removed a local stack whose start never finished (stopped 1 of its processes).");
        assertThat(ours.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void anUnreadableRecordIsASentenceNamingTheFileAndNothingIsTouched() throws Exception {
        LocalStacks stacks = new LocalStacks(root);
        Files.createDirectories(stacks.folder());
        Files.writeString(stacks.folder().resolve(SandboxState.FILE), "{\"format\": 1, \"topology\": \"HA\", ");
        assertThatThrownBy(stacks::find).isInstanceOf(IOException.class)
                .hasMessageContaining(SandboxState.FILE + " cannot be read")
                .hasMessageContaining("then remove " + stacks.folder());
        assertThat(stacks.folder().resolve(SandboxState.FILE)).exists();
    }

    @Test
    void missingProgramsAreOneSentenceWithTheCommandThatInstallsThem() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path empty = Files.createDirectories(root.resolve("empty"));
        Path prometheus = Program.PROMETHEUS.find(System.getenv()).orElseThrow(() -> new AssertionError(Program.PROMETHEUS.missing()));
        Files.createSymbolicLink(bin.resolve("prometheus"), prometheus);
        Map<String, String> environment = Map.of("PATH", bin.toString(), Program.SEARCH_PATH, empty.toString());

        assertThatThrownBy(() -> Sandbox.start(Topology.REMOTE_STORAGE, root.resolve("stack"),
                Sandbox.Options.forTests().withEnvironment(environment), Sandbox.Listener.none()))
                .isInstanceOf(MissingPrograms.class)
                .hasMessage("Alertmanager (package prometheus-alertmanager), node-exporter (package prometheus-node-exporter), InfluxDB 1.x "
                        + "(package influxdb) are not installed: install them with 'sudo apt-get install -y prometheus-alertmanager "
                        + "prometheus-node-exporter influxdb' (or put their programs on PATH).");
        assertThat(root.resolve("stack")).as("nothing half-done").doesNotExist();
        assertThat(Program.ALERTMANAGER.missing()).isEqualTo("Alertmanager is not installed: install Debian's package with 'sudo apt-get "
                + "install prometheus-alertmanager' (or put alertmanager on PATH).");
        assertThat(Program.INFLUXDB.find(Map.of("PATH", bin.toString(), Program.SEARCH_PATH, empty.toString()))).isEmpty();
        assertThat(Program.PROMETHEUS.find(Map.of("PATH", bin.toString(), Program.SEARCH_PATH, empty.toString()))).contains(bin.resolve("prometheus"));
    }

    @Test
    void aStateWrittenByAnotherFormatIsRefused() throws Exception {
        Path folder = Files.createDirectories(root.resolve("stack"));
        Files.writeString(folder.resolve(SandboxState.FILE), "{\"format\": 7, \"topology\": \"HA\", \"dir\": \"" + folder + "\", \"receiverPort\": 1, "
                + "\"started\": \"2026-11-29T10:00:00Z\", \"members\": [], \"pids\": {}, \"commands\": {}}");
        assertThatThrownBy(() -> SandboxState.read(folder)).hasMessageContaining("is format 7, written by another Promdeck version");
    }
}
