package io.promdeck.app.cli;

import io.promdeck.app.cluster.KubeconfigException;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.doctor.Diagnosis;
import io.promdeck.app.doctor.DiagnosisReport;
import io.promdeck.app.doctor.Doctor;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.app.sandbox.LocalStacks;
import io.promdeck.app.session.ConnectFailure;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.app.transport.DirectProfiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code promdeck doctor}: one pass over the stack's endpoints, every HA check, a table or JSON, the exit code. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Judges whether a stack is really highly available, check by check.",
                "Exit codes: 0 all ok, 1 warnings or unknowns, 2 failures, 3 could not check (connection, credentials, RBAC, input)."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KubeTargetOptions kube = new KubeTargetOptions();

    @Option(names = "--profile", paramLabel = "FILE", description = "a direct-URL profile instead of a kubeconfig context")
    Path profile;

    @Option(names = "--sandbox", description = "the local stack on this workstation ('promdeck sandbox up')")
    boolean sandbox;

    @Option(names = "--json", description = "print JSON (stable field names, see the README) instead of a table")
    boolean json;

    @Option(names = "--all", description = "show the evidence of passing checks too")
    boolean all;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "0s",
            description = "read the counters twice this far apart, so notification and rule failures are judged as rates (e.g. 30s); "
                    + "default: once (totals since each process started)")
    String window;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", description = "how long the pass may take in all")
    String timeout;

    private final PromdeckCli.Environment environment;

    DoctorCommand(PromdeckCli.Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Optional<Duration> windowDuration = window.equals("0") || window.equals("0s") ? Optional.of(Duration.ZERO)
                : io.promdeck.app.install.ParameterCheck.parseDuration(window);
        Optional<Duration> timeoutDuration = io.promdeck.app.install.ParameterCheck.parseDuration(timeout);
        if (windowDuration.isEmpty() || timeoutDuration.isEmpty()) {
            err.println("--" + (windowDuration.isEmpty() ? "window" : "timeout") + ": '" + (windowDuration.isEmpty() ? window : timeout)
                    + "' is not a duration such as 30s, 2m or 1h.");
            return PromdeckCli.COULD_NOT_CHECK;
        }
        if (profile != null && kube.given()) {
            err.println("--profile is a stack of its own: leave out --context and --namespace.");
            return PromdeckCli.COULD_NOT_CHECK;
        }
        if (sandbox && (profile != null || kube.given())) {
            err.println("--sandbox is a stack of its own: leave out --profile, --context and --namespace.");
            return PromdeckCli.COULD_NOT_CHECK;
        }
        ExecutorService executor = Executors.newCachedThreadPool(daemon("promdeck-doctor"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("promdeck-doctor-timer"));
        SettingsFolder settings = SettingsFolder.forPlatform(environment.variables(), environment.home(), System.getProperty("os.name", "linux"));
        SessionOpener opener = new SessionOpener(settings, environment.home(), executor, timer, environment.clock(), () -> 1000, false);
        SessionOpener.Listeners quiet = new SessionOpener.Listeners(p -> { }, s -> { }, s -> { });
        StackSession session;
        try {
            if (sandbox) {
                var found = LocalStacks.forUser(environment.variables(), environment.home()).find();
                if (found.sandbox().isEmpty()) {
                    err.println("Could not check: no local stack runs (start one with 'promdeck sandbox up').");
                    shutdown(executor, timer);
                    return PromdeckCli.COULD_NOT_CHECK;
                }
                session = opener.openSandbox(found.sandbox().get(), quiet);
            } else if (profile != null) {
                session = opener.openProfile(profile.isAbsolute() ? profile : Path.of(System.getProperty("promdeck.caller.dir", "."))
                        .resolve(profile), quiet);
            } else {
                Optional<KubeTargetOptions.Target> target = kube.resolve(environment, err, "Could not check: ");
                if (target.isEmpty()) {
                    shutdown(executor, timer);
                    return PromdeckCli.COULD_NOT_CHECK;
                }
                session = opener.open(target.get().kubeconfig(), target.get().context(), target.get().namespace(), Optional.empty(), quiet);
            }
        } catch (KubeconfigException | ConnectFailure | DirectProfiles.ProfileException | java.io.IOException e) {
            err.println("Could not check: " + e.getMessage());
            shutdown(executor, timer);
            return PromdeckCli.COULD_NOT_CHECK;
        }
        try (session) {
            StackState state = session.monitor().collectOnce(windowDuration.orElse(Duration.ZERO), timeoutDuration.get());
            if (nothingAnswered(state)) {
                err.println("Could not check: no endpoint of " + session.title() + " answered.");
                state.snapshotsByKind().values().stream().flatMap(List::stream).map(Snapshot::failure).flatMap(Optional::stream).distinct()
                        .limit(5).forEach(f -> err.println("  " + f.summary()));
                return PromdeckCli.COULD_NOT_CHECK;
            }
            Diagnosis diagnosis = Doctor.diagnose(state, environment.clock().instant(), session.operator());
            out.print(json ? DiagnosisReport.json(diagnosis, session.title()) : DiagnosisReport.table(diagnosis, session.title(), all));
            return diagnosis.exitCode();
        } finally {
            shutdown(executor, timer);
        }
    }

    private static boolean nothingAnswered(StackState state) {
        return state.snapshotsByKind().values().stream().flatMap(List::stream).noneMatch(Snapshot::fresh);
    }

    private static void shutdown(ExecutorService executor, ScheduledExecutorService timer) {
        executor.shutdownNow();
        timer.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
