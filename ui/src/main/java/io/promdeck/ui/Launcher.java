package io.promdeck.ui;

import io.promdeck.app.cli.PromdeckCli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The one entry point of the launcher: a headless command ({@code promdeck doctor …}) runs in {@code app/} and exits
 * with its code without loading any JavaFX class; anything else opens the window ({@link Gui}). This class names no
 * JavaFX type, so the headless path never touches the toolkit.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (PromdeckCli.handles(args)) {
            PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
            PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
            System.exit(PromdeckCli.run(args, PromdeckCli.Environment.ofProcess(), out, err));
        }
        Gui.launch(args);
    }

    /** {@code --smoke-test}: print how long the main window took to show, then exit (image smoke test, start-up bench). */
    static boolean smokeTest(java.util.List<String> args) {
        return args.contains("--smoke-test");
    }

    /**
     * {@code --profile FILE} or {@code --profile=FILE}: open that direct-URL profile once the window is up. A relative
     * path is relative to the folder the launcher was started from ({@code promdeck.caller.dir}; the image's launcher
     * runs the JVM from the image folder).
     */
    static java.util.Optional<java.nio.file.Path> profile(java.util.List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--profile=")) {
                return java.util.Optional.of(fromCaller(arg.substring("--profile=".length())));
            }
            if (arg.equals("--profile") && i + 1 < args.size()) {
                return java.util.Optional.of(fromCaller(args.get(i + 1)));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * {@code --sandbox [TOPOLOGY]} or {@code --sandbox=TOPOLOGY}: open the local stack once the window is up, starting
     * it if none runs. Empty when not asked; "ha" when no topology is named.
     */
    static java.util.Optional<String> sandbox(java.util.List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--sandbox=")) {
                return java.util.Optional.of(arg.substring("--sandbox=".length()));
            }
            if (arg.equals("--sandbox")) {
                boolean named = i + 1 < args.size() && !args.get(i + 1).startsWith("-");
                return java.util.Optional.of(named ? args.get(i + 1) : "ha");
            }
        }
        return java.util.Optional.empty();
    }

    private static java.nio.file.Path fromCaller(String path) {
        java.nio.file.Path given = java.nio.file.Path.of(path);
        String caller = System.getProperty("promdeck.caller.dir");
        return given.isAbsolute() || caller == null ? given : java.nio.file.Path.of(caller).resolve(given);
    }
}
