package io.promdeck.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless commands ({@code promdeck doctor}, …): no JavaFX class is loaded on this path. Exit codes are the same
 * for every command: 0 ok, 1 warnings, 2 failures, 3 could not check (connection, credentials, RBAC, bad input).
 */
@Command(name = "promdeck", mixinStandardHelpOptions = true, version = "Promdeck 0.1.0",
        description = "Operations console for highly-available Prometheus. Without a command it opens the console window.",
        subcommands = {DoctorCommand.class, SandboxCommand.class, InstallCommand.class})
public final class PromdeckCli implements Runnable {

    public static final int OK = 0;
    public static final int WARNINGS = 1;
    public static final int FAILURES = 2;
    public static final int COULD_NOT_CHECK = 3;

    /** The commands this handles; anything else opens the window. */
    public static final List<String> COMMANDS = List.of("doctor", "sandbox", "install");

    /** Where a command reads its inputs (tests make one up; the launcher takes the process'). */
    public record Environment(Map<String, String> variables, Path home, Clock clock) {
        public static Environment ofProcess() {
            return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), Clock.systemUTC());
        }
    }

    private final Environment environment;

    public PromdeckCli(Environment environment) {
        this.environment = environment;
    }

    Environment environment() {
        return environment;
    }

    /** Whether these arguments ask for a headless command. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || args[0].equals("--help") || args[0].equals("-h")
                || args[0].equals("--version") || args[0].equals("-V"));
    }

    /** Runs the command line and returns the exit code (never calls {@code System.exit}). */
    public static int run(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new PromdeckCli(environment), new Factory(environment));
        line.setOut(out);
        line.setErr(err);
        line.setExitCodeExceptionMapper(e -> COULD_NOT_CHECK);
        line.setParameterExceptionHandler((e, a) -> {
            err.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("See 'promdeck " + (e.getCommandLine().getCommandName().equals("promdeck") ? "" : e.getCommandLine().getCommandName() + " ")
                    + "--help'.");
            return COULD_NOT_CHECK;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        // Without a command the launcher opens the window; reaching here means only options were given.
    }

    /** Gives commands the environment. */
    private record Factory(Environment environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == DoctorCommand.class) {
                return type.cast(new DoctorCommand(environment));
            }
            if (type == InstallCommand.class) {
                return type.cast(new InstallCommand(environment));
            }
            if (type == SandboxCommand.Up.class) {
                return type.cast(new SandboxCommand.Up(environment));
            }
            if (type == SandboxCommand.Status.class) {
                return type.cast(new SandboxCommand.Status(environment));
            }
            if (type == SandboxCommand.Down.class) {
                return type.cast(new SandboxCommand.Down(environment));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
