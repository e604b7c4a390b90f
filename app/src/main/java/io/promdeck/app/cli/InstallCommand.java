package io.promdeck.app.cli;

import io.promdeck.app.audit.AuditEntry;
import io.promdeck.app.audit.AuditLog;
import io.promdeck.app.cluster.ClusterConnection;
import io.promdeck.app.cluster.ConnectionCheck;
import io.promdeck.app.cluster.Kubeconfig;
import io.promdeck.app.cluster.KubeconfigException;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.install.CheckResult;
import io.promdeck.app.install.HaInvariants;
import io.promdeck.app.install.InstallTarget;
import io.promdeck.app.install.Installation;
import io.promdeck.app.install.Parameter;
import io.promdeck.app.install.ParameterFile;
import io.promdeck.app.install.ParameterForm;
import io.promdeck.app.install.Plan;
import io.promdeck.app.install.PlanPrinter;
import io.promdeck.app.install.RenderedStack;
import io.promdeck.app.install.RolloutProgress;
import io.promdeck.app.install.StackParameters;
import io.promdeck.app.install.StackRenderer;
import io.promdeck.app.install.StackSecrets;
import io.promdeck.app.install.ToolChecks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code promdeck install}: the wizard's install or upgrade without the window, over the same code — the same
 * parameter checks ({@link ParameterForm}), HA invariants and promtool/amtool checks, the same plan confirmed by a
 * server-side dry run, the same apply and rollout — printing the plan and the rollout as it goes.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Installs or upgrades the bundled HA stack in a namespace, as the wizard does.",
                "Exit codes: 0 installed and ready (or, with --plan-only, a plan that can be applied), 1 applied but a configuration "
                        + "reload was not verified, 2 refused or not ready (checks failed, an object refused, rollout timed out), "
                        + "3 could not run (connection, credentials, RBAC, bad parameters)."})
final class InstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KubeTargetOptions kube = new KubeTargetOptions();

    @Option(names = "--parameters", paramLabel = "FILE", description = "YAML of parameter values (keys as in the README); others keep "
            + "the installed values on upgrade, the defaults on install")
    Path parameters;

    @Option(names = "--plan-only", description = "print the plan (confirmed by a server-side dry run) and stop")
    boolean planOnly;

    @Option(names = "--yes", description = "apply without asking")
    boolean yes;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15m", description = "how long to follow the rollout")
    String timeout;

    private final PromdeckCli.Environment environment;

    InstallCommand(PromdeckCli.Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Duration> rolloutTimeout = io.promdeck.app.install.ParameterCheck.parseDuration(timeout);
        if (rolloutTimeout.isEmpty()) {
            err.println("--timeout: '" + timeout + "' is not a duration such as 30s, 10m or 1h.");
            return PromdeckCli.COULD_NOT_CHECK;
        }
        Map<Parameter, String> fromFile = Map.of();
        if (parameters != null) {
            Path file = parameters.isAbsolute() ? parameters : Path.of(System.getProperty("promdeck.caller.dir", ".")).resolve(parameters);
            try {
                fromFile = ParameterFile.read(file);
            } catch (ParameterFile.Refused e) {
                e.problems().forEach(p -> err.println("--parameters: " + p));
                return PromdeckCli.COULD_NOT_CHECK;
            } catch (java.io.IOException e) {
                err.println("--parameters: cannot read " + file + ": " + e.getMessage());
                return PromdeckCli.COULD_NOT_CHECK;
            }
        }
        Optional<KubeTargetOptions.Target> resolved = kube.resolve(environment, err, "Could not run: ");
        if (resolved.isEmpty()) {
            return PromdeckCli.COULD_NOT_CHECK;
        }
        Kubeconfig kubeconfig = resolved.get().kubeconfig();
        String chosen = resolved.get().context();
        String ns = resolved.get().namespace();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "promdeck-install");
            t.setDaemon(true);
            return t;
        });
        try (ClusterConnection connection = new ClusterConnection(kubeconfig.login(chosen))) {
            ConnectionCheck check = connection.check();
            if (check instanceof ConnectionCheck.Failed failed) {
                err.println("Could not run: " + failed.problem().message());
                return PromdeckCli.COULD_NOT_CHECK;
            }
            return install(connection, chosen, ns, fromFile, rolloutTimeout.get(), out, err, executor);
        } catch (KubeconfigException e) {
            err.println("Could not run: " + e.getMessage());
            return PromdeckCli.COULD_NOT_CHECK;
        } finally {
            executor.shutdownNow();
        }
    }

    private int install(ClusterConnection connection, String contextName, String ns, Map<Parameter, String> fromFile, Duration rolloutTimeout,
            PrintWriter out, PrintWriter err, ExecutorService executor) throws Exception {
        InstallTarget target = InstallTarget.of(connection, executor);
        InstallTarget.Inspection inspection = target.inspect(ns);
        if (!inspection.canInstall()) {
            err.println("You cannot install into " + ns + " with context " + contextName + ": missing " + inspection.missing() + ".");
            return PromdeckCli.COULD_NOT_CHECK;
        }
        boolean upgrade = inspection.existing().isPresent();
        StackParameters base = inspection.existing().orElse(StackParameters.defaults(ns));
        StackSecrets installed = upgrade ? target.state().generatedSecrets(ns) : new StackSecrets("", "", "", "", "");
        ParameterForm form = ParameterForm.of(base, installed);
        fromFile.forEach(form::set);
        if (fromFile.containsKey(Parameter.NAMESPACE) && !form.get(Parameter.NAMESPACE).strip().equals(ns)) {
            err.println("--parameters: namespace is '" + form.get(Parameter.NAMESPACE).strip() + "' but the install goes to " + ns
                    + "; use --namespace (or leave namespace out of the file).");
            return PromdeckCli.COULD_NOT_CHECK;
        }
        form.set(Parameter.NAMESPACE, ns);
        Map<Parameter, String> problems = form.problems();
        if (!problems.isEmpty()) {
            problems.forEach((p, m) -> err.println(p.key() + ": " + m));
            err.println("Nothing was applied: " + problems.size() + " parameter" + (problems.size() == 1 ? " needs" : "s need") + " fixing.");
            return PromdeckCli.COULD_NOT_CHECK;
        }
        StackParameters p = form.parameters();
        StackSecrets typed = form.typedSecrets();
        out.println((upgrade ? "Upgrading instance '" + base.instance() + "'" : "Installing instance '" + p.instance() + "'") + " in " + ns
                + " (context " + contextName + ", " + connection.server() + ").");
        StackSecrets secrets = target.state().secretsFor(ns, StackSecrets.generate(new SecureRandom())
                .withRobots(typed.dingtalkRobotUrl(), typed.wechatRobotUrl()));
        if (p.backend() == io.promdeck.app.install.Backend.THANOS_EXISTING_S3) {
            secrets = secrets.withS3Keys(typed.s3AccessKey(), typed.s3SecretKey());
        }
        RenderedStack stack = StackRenderer.render(p, secrets);
        List<CheckResult> checks = new ArrayList<>(HaInvariants.check(stack));
        checks.addAll(ToolChecks.find(environment.variables(), Optional.empty(), Optional.empty()).check(stack));
        boolean checksFailed = false;
        for (CheckResult c : checks) {
            if (c.failed()) {
                checksFailed = true;
                out.println("FAILED  " + c);
            }
        }
        if (checksFailed) {
            out.println("Nothing was applied: the checks above failed.");
            return PromdeckCli.FAILURES;
        }
        out.println("Checks: " + checks.size() + " passed or skipped (HA invariants, promtool, amtool).");
        var planner = target.planner();
        Plan plan = planner.confirm(planner.plan(stack));
        out.print(PlanPrinter.print(plan));
        boolean refused = !plan.of(io.promdeck.app.install.PlanItem.How.REFUSED).isEmpty();
        if (planOnly) {
            return refused ? PromdeckCli.FAILURES : PromdeckCli.OK;
        }
        if (refused) {
            out.println("Nothing was applied: the plan has refused changes (above).");
            return PromdeckCli.FAILURES;
        }
        if (plan.empty()) {
            out.println("Nothing to change: the cluster already runs these parameters.");
            return PromdeckCli.OK;
        }
        if (!yes) {
            err.println("Add --yes to apply this plan (or --plan-only to only print it).");
            return PromdeckCli.COULD_NOT_CHECK;
        }
        Installation.Result result = target.installation(environment.clock()).run(stack, rolloutTimeout, () -> false, new Installation.Listener() {
            private String last = "";

            @Override
            public void step(String line) {
                out.println(line);
                out.flush();
            }

            @Override
            public void progress(RolloutProgress progress) {
                String now = String.join(", ", progress.workloads().stream().map(Object::toString).toList());
                if (!now.equals(last)) {
                    last = now;
                    out.println("  rollout: " + now);
                    progress.problems().forEach(problem -> out.println("    " + problem));
                    out.flush();
                }
            }
        });
        audit(contextName, ns, upgrade, result, err);
        return switch (result.ending()) {
            case READY -> PromdeckCli.OK;
            case NOT_RELOADED -> PromdeckCli.WARNINGS;
            case FAILED_TO_APPLY, TIMED_OUT -> PromdeckCli.FAILURES;
            case CANCELLED -> PromdeckCli.COULD_NOT_CHECK;
        };
    }

    private void audit(String contextName, String ns, boolean upgrade, Installation.Result result, PrintWriter err) {
        SettingsFolder settings = SettingsFolder.forPlatform(environment.variables(), environment.home(), System.getProperty("os.name", "linux"));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("plan", result.plan().summary());
        details.put("applied", String.join(", ", result.applied().applied()));
        details.put("via", "promdeck install");
        try {
            new AuditLog(settings.path().resolve(AuditLog.FILE)).append(new AuditEntry(environment.clock().instant(),
                    environment.variables().getOrDefault("USER", System.getProperty("user.name", "unknown")), contextName + " / " + ns,
                    upgrade ? "stack.upgrade" : "stack.install", ns + "/" + result.plan().stack().parameters().instance(),
                    result.ending().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), details));
        } catch (java.io.IOException e) {
            err.println("Warning: the audit log could not be written: " + e.getMessage());
        }
    }
}
