package io.promdeck.app.cli;

import io.promdeck.app.sandbox.LocalStacks;
import io.promdeck.app.sandbox.Member;
import io.promdeck.app.sandbox.MissingPrograms;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.sandbox.SandboxException;
import io.promdeck.app.sandbox.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code promdeck sandbox up | status | down}: the workstation's local stack without the window. Exit codes as every
 * command's: 0 ok, 1 warnings (some processes stopped), 2 failures (could not start or stop, none runs), 3 could not
 * check (the record cannot be read, bad input).
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Runs an HA stack of real Prometheus and Alertmanager processes on this workstation (127.0.0.1 only).",
                "Exit codes: 0 ok, 1 some processes stopped, 2 failed or none runs, 3 could not check."},
        subcommands = {SandboxCommand.Up.class, SandboxCommand.Status.class, SandboxCommand.Down.class})
final class SandboxCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static LocalStacks stacks(PromdeckCli.Environment environment) {
        return LocalStacks.forUser(environment.variables(), environment.home());
    }

    /** What the subcommands share: the environment, their output streams, the user's local stacks. */
    abstract static class Subcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        final PromdeckCli.Environment environment;

        Subcommand(PromdeckCli.Environment environment) {
            this.environment = environment;
        }

        @Override
        public final Integer call() throws Exception {
            return run(spec.commandLine().getOut(), spec.commandLine().getErr(), stacks(environment));
        }

        abstract int run(PrintWriter out, PrintWriter err, LocalStacks stacks) throws Exception;
    }

    /** One line per member: name, state, pid, URL. */
    static void printMembers(Sandbox sandbox, PrintWriter out) {
        out.printf("Local stack: %s in %s%n", sandbox.topology().title(), sandbox.dir());
        for (Sandbox.MemberStatus s : sandbox.status()) {
            Member m = s.member();
            out.printf("  %-22s %-8s %-8s %s%s%n", m.name(), s.state().name().toLowerCase(Locale.ROOT), s.pid() > 0 ? Long.toString(s.pid()) : "-",
                    m.url(), m.group().isEmpty() ? "" : "  (" + m.group() + ")");
        }
        out.printf("  %-22s %-8s %-8s %s%n", "receiver", "console", "-", sandbox.plan().receiverUrl()
                + "  (the console's; while no console is open, notifications fail)");
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Starts the local stack and waits until every process is ready.")
    static final class Up extends Subcommand {
        @Option(names = "--topology", paramLabel = "NAME", defaultValue = "ha",
                description = "ha (default), federation, sharding, remote-storage or agent")
        String topology;

        Up(PromdeckCli.Environment environment) {
            super(environment);
        }

        @Override
        int run(PrintWriter out, PrintWriter err, LocalStacks stacks) throws InterruptedException {
            Optional<Topology> chosen = Topology.ofCliName(topology);
            if (chosen.isEmpty()) {
                err.println("--topology: '" + topology + "' is not one of " + Arrays.stream(Topology.values()).map(Topology::cliName)
                        .collect(Collectors.joining(", ")) + ".");
                return PromdeckCli.COULD_NOT_CHECK;
            }
            long started = System.nanoTime();
            String[] last = {""};
            try {
                Sandbox sandbox = stacks.up(chosen.get(), Sandbox.Options.product().withEnvironment(environment.variables()),
                        (sentence, ready, total) -> {
                            String line = total > 0 ? "[" + ready + "/" + total + "] " + sentence : sentence;
                            if (!line.equals(last[0])) {
                                last[0] = line;
                                err.println(line);
                            }
                        });
                printMembers(sandbox, out);
                out.printf("Ready in %.1f s. Open it with 'promdeck --sandbox', check it with 'promdeck doctor --sandbox', stop it with "
                        + "'promdeck sandbox down'.%n", (System.nanoTime() - started) / 1e9);
                return PromdeckCli.OK;
            } catch (LocalStacks.AlreadyRunning e) {
                if (e.sandbox().topology() == chosen.get()) {
                    printMembers(e.sandbox(), out);
                    out.println("Already running.");
                    return e.sandbox().liveness() == Sandbox.Liveness.RUNNING ? PromdeckCli.OK : PromdeckCli.WARNINGS;
                }
                err.println(e.getMessage());
                return PromdeckCli.FAILURES;
            } catch (MissingPrograms e) {
                err.println(e.getMessage());
                return PromdeckCli.FAILURES;
            } catch (SandboxException e) {
                err.println("The local stack did not start: " + e.getMessage());
                return PromdeckCli.FAILURES;
            } catch (IOException e) {
                err.println(e.getMessage());
                return PromdeckCli.COULD_NOT_CHECK;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the local stack's processes: running, frozen or stopped.")
    static final class Status extends Subcommand {
        Status(PromdeckCli.Environment environment) {
            super(environment);
        }

        @Override
        int run(PrintWriter out, PrintWriter err, LocalStacks stacks) {
            try {
                LocalStacks.Found found = stacks.find();
                if (!found.note().isEmpty()) {
                    err.println(found.note());
                }
                if (found.sandbox().isEmpty()) {
                    out.println("No local stack runs. Start one with 'promdeck sandbox up'.");
                    return PromdeckCli.FAILURES;
                }
                Sandbox sandbox = found.sandbox().get();
                printMembers(sandbox, out);
                boolean allRunning = sandbox.status().stream().allMatch(s -> s.state() == Sandbox.MemberStatus.State.RUNNING);
                return allRunning ? PromdeckCli.OK : PromdeckCli.WARNINGS;
            } catch (IOException e) {
                err.println("Could not check: " + e.getMessage());
                return PromdeckCli.COULD_NOT_CHECK;
            }
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops the local stack's processes and removes its folder.")
    static final class Down extends Subcommand {
        Down(PromdeckCli.Environment environment) {
            super(environment);
        }

        @Override
        int run(PrintWriter out, PrintWriter err, LocalStacks stacks) {
            try {
                boolean stopped = stacks.down();
                out.println(stopped ? "Stopped the local stack." : "No local stack runs: nothing to stop.");
                return PromdeckCli.OK;
            } catch (IOException | java.io.UncheckedIOException e) {
                err.println("Could not stop the local stack: " + e.getMessage());
                return PromdeckCli.FAILURES;
            }
        }
    }
}
