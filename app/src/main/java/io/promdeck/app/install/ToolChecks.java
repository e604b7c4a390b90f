package io.promdeck.app.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real validators on the rendered configuration when they are installed: {@code promtool check config
 * --syntax-only} (in-cluster file references cannot be checked on a workstation), {@code promtool check rules} and
 * {@code amtool check-config}. A missing tool is reported as a skipped check, never as a pass.
 */
public final class ToolChecks {

    private final Optional<Path> promtool;
    private final Optional<Path> amtool;

    public ToolChecks(Optional<Path> promtool, Optional<Path> amtool) {
        this.promtool = promtool;
        this.amtool = amtool;
    }

    /** Finds the tools on PATH (or the given paths when the operator configured them). */
    public static ToolChecks find(Map<String, String> environment, Optional<Path> promtoolOverride, Optional<Path> amtoolOverride) {
        return new ToolChecks(promtoolOverride.or(() -> onPath("promtool", environment)), amtoolOverride.or(() -> onPath("amtool", environment)));
    }

    private static Optional<Path> onPath(String name, Map<String, String> environment) {
        return io.promdeck.app.sandbox.Program.findExecutable(name, environment);
    }

    /** {@code promtool check config --syntax-only} on one Prometheus configuration (the text, in a temporary file). */
    public CheckResult checkPrometheusConfig(String text) {
        return inTemporary("prometheus.yml", text, file -> checkPrometheusConfig(file, text));
    }

    /** {@code promtool check rules} on one rule file. */
    public CheckResult checkRules(String fileName, String text) {
        return inTemporary(fileName.endsWith(".yml") || fileName.endsWith(".yaml") ? fileName : "rules.yml", text,
                file -> run("promtool check rules", promtool, List.of("check", "rules", file.toString())));
    }

    /** {@code amtool check-config} on one Alertmanager configuration. */
    public CheckResult checkAlertmanager(String text) {
        return inTemporary("alertmanager.yml", text, file -> run("amtool check-config", amtool, List.of("check-config", file.toString())));
    }

    /** The first line a tool's output names ("yaml: line 4: …", promtool's "12:7: group …"), 0 when none. */
    public static int lineIn(String toolOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)|(?:^|\\s)(\\d+):\\d+:").matcher(toolOutput);
        if (!m.find()) {
            return 0;
        }
        return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    }

    @FunctionalInterface
    private interface FileCheck {
        CheckResult check(Path file) throws IOException;
    }

    private static CheckResult inTemporary(String name, String text, FileCheck check) {
        try {
            Path dir = Files.createTempDirectory("promdeck-check");
            Path file = Files.writeString(dir.resolve(name), text);
            try {
                return check.check(file);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            return CheckResult.skipped(name, "could not write it for the tools: " + e.getMessage());
        }
    }

    public List<CheckResult> check(RenderedStack stack) {
        List<CheckResult> results = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory("promdeck-check");
            try {
                boolean agents = stack.parameters().agents();
                for (Map.Entry<String, String> config : stack.prometheusConfigs().entrySet()) {
                    Path prometheus = Files.writeString(dir.resolve(RenderedStack.prometheusConfigKey(config.getKey())), config.getValue());
                    CheckResult result = checkPrometheusConfig(prometheus, config.getValue(), agents);
                    results.add(stack.prometheusConfigs().size() == 1 ? result : result.named(result.name() + " (" + config.getKey() + ")"));
                }
                Path alertmanager = Files.writeString(dir.resolve("alertmanager.yml"), stack.configFiles().get("alertmanager.yml"));
                List<String> ruleFiles = new java.util.ArrayList<>(List.of("check", "rules"));
                for (String file : List.of("stack-rules.yml", "kubernetes-rules.yml")) {
                    if (stack.configFiles().containsKey(file)) {
                        ruleFiles.add(Files.writeString(dir.resolve(file), stack.configFiles().get(file)).toString());
                    }
                }
                if (ruleFiles.size() > 2) {
                    results.add(run("promtool check rules", promtool, ruleFiles));
                } else {
                    results.add(CheckResult.skipped("promtool check rules", "agents evaluate no rules; the receiver does"));
                }
                results.add(run("amtool check-config", amtool, List.of("check-config", alertmanager.toString())));
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            results.add(CheckResult.skipped("configuration files", "could not write them for the tools: " + e.getMessage()));
        }
        return results;
    }

    private static List<String> concat(List<String> flags, String file) {
        List<String> all = new java.util.ArrayList<>(flags);
        all.add(file);
        return all;
    }

    /**
     * Some promtool builds (Debian's among them) lack Kubernetes service discovery and refuse every
     * {@code kubernetes_sd_configs}. Then the rest of the configuration is still checked, with those blocks replaced by
     * a static placeholder, and the result says what could not be checked.
     */
    private CheckResult checkPrometheusConfig(Path file, String yaml) throws IOException {
        return checkPrometheusConfig(file, yaml, false);
    }

    private CheckResult checkPrometheusConfig(Path file, String yaml, boolean agent) throws IOException {
        String name = "promtool check config";
        List<String> flags = agent ? List.of("check", "config", "--syntax-only", "--agent") : List.of("check", "config", "--syntax-only");
        CheckResult first = run(name, promtool, concat(flags, file.toString()));
        if (!first.failed() || !first.detail().contains("field kubernetes_sd_configs not found")) {
            return first;
        }
        com.fasterxml.jackson.databind.JsonNode root = ConfigFiles.parse(yaml);
        for (com.fasterxml.jackson.databind.JsonNode job : root.path("scrape_configs")) {
            if (job instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has("kubernetes_sd_configs")) {
                object.remove("kubernetes_sd_configs");
                object.putArray("static_configs").addObject().putArray("targets").add("kubernetes-sd.invalid:1");
            }
        }
        Path stripped = Files.writeString(file.resolveSibling("prometheus-without-kubernetes-sd.yml"), ConfigFiles.write(root));
        CheckResult second = run(name, promtool, concat(flags, stripped.toString()));
        String note = "this promtool was built without Kubernetes service discovery, so the kubernetes_sd_configs blocks were not "
                + "checked; everything else was";
        return second.failed() ? CheckResult.failed(name, second.detail() + " (" + note + ")")
                : CheckResult.passed(name, second.detail() + " (" + note + ")");
    }

    private static CheckResult run(String name, Optional<Path> tool, List<String> args) {
        if (tool.isEmpty()) {
            return CheckResult.skipped(name, "not installed (put it on PATH or set its path in the settings)");
        }
        List<String> command = new ArrayList<>();
        command.add(tool.get().toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return CheckResult.failed(name, "did not finish within 60 s");
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? CheckResult.passed(name, lastLine(text)) : CheckResult.failed(name, text);
        } catch (IOException e) {
            return CheckResult.skipped(name, "could not run " + tool.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.skipped(name, "interrupted");
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
