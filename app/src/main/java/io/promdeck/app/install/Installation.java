package io.promdeck.app.install;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.List;
import java.util.function.Consumer;

/**
 * One install or upgrade run, as the wizard's Install step (and later a headless command) drives it: plan against
 * the cluster as it is now, confirm the plan with a server-side dry run (nothing is written when any object would be
 * refused), apply (parameters first, so a run cut off anywhere can be resumed from any workstation),
 * then follow the rollout until every workload is ready, the timeout passes or the operator cancels. Running it
 * again with the same parameters converges: unchanged objects are not sent.
 */
public final class Installation {

    /** What a run reports while it goes. */
    public interface Listener {
        /** A line for the log: "created StatefulSet/prometheus", "failed ...". */
        void step(String line);

        void progress(RolloutProgress progress);
    }

    /** How a run ended. */
    public enum Ending {
        READY, FAILED_TO_APPLY, TIMED_OUT, CANCELLED,
        /** Applied and ready, but a configuration-only change is not running on every replica after the reload. */
        NOT_RELOADED
    }

    public record Result(Ending ending, Plan plan, ApplyReport applied, RolloutProgress rollout) {
    }

    private final KubernetesClient client;
    private final Clock clock;

    private final HotReload hotReload;

    public Installation(KubernetesClient client, Clock clock) {
        this(client, clock, new HotReload(client, io.promdeck.app.config.ConfigLocator.KUBELET, Duration.ofSeconds(10)));
    }

    public Installation(KubernetesClient client, Clock clock, HotReload hotReload) {
        this.client = client;
        this.clock = clock;
        this.hotReload = hotReload;
    }

    private static int code(PlanItem item) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d{3})\\)").matcher(item.serverCheck());
        return m.find() ? Integer.parseInt(m.group(1)) : 422;
    }

    public Result run(RenderedStack stack, Duration rolloutTimeout, BooleanSupplier cancelled, Listener listener) throws InterruptedException {
        listener.step("Comparing " + stack.objects().size() + " objects with the cluster…");
        Planner planner = new Planner(client);
        Plan plan = planner.plan(stack);
        listener.step("Plan: " + plan.summary());
        listener.step("Asking the API server to check the plan (server-side dry run)…");
        plan = planner.confirm(plan);
        List<PlanItem> refused = plan.of(PlanItem.How.REFUSED);
        if (!refused.isEmpty()) {
            refused.forEach(item -> listener.step("refused " + item.id() + ": " + item.explanation()));
            listener.step("Nothing was applied: " + refused.size() + " object" + (refused.size() == 1 ? " would be" : "s would be")
                    + " refused. Fix the cause and run again.");
            ApplyReport none = new ApplyReport(List.of(), List.of(),
                    refused.stream().map(i -> new ApplyReport.Failure(i.id(), code(i), i.explanation())).toList());
            return new Result(Ending.FAILED_TO_APPLY, plan, none, new RolloutProgress(List.of(), Duration.ZERO, List.of(), List.of()));
        }
        ApplyReport applied = new Applier(client).apply(plan, listener::step, cancelled);
        RolloutProgress none = new RolloutProgress(java.util.List.of(), Duration.ZERO, java.util.List.of(), java.util.List.of());
        if (cancelled.getAsBoolean()) {
            listener.step("Cancelled after " + applied.applied().size() + " objects; run the install again to continue.");
            return new Result(Ending.CANCELLED, plan, applied, none);
        }
        if (!applied.complete()) {
            listener.step(applied.failures().size() + " objects were refused; the rest is applied. Fix the cause and run again.");
            return new Result(Ending.FAILED_TO_APPLY, plan, applied, none);
        }
        listener.step("Applied; waiting for every workload to be ready…");
        RolloutProgress last = new Rollout(client, clock).await(stack, listener::progress, rolloutTimeout, cancelled);
        Ending ending = last.complete() ? Ending.READY : cancelled.getAsBoolean() ? Ending.CANCELLED : Ending.TIMED_OUT;
        java.util.Set<String> reload = HotReload.reloadable(plan);
        if (ending == Ending.READY && !reload.isEmpty()) {
            // Configuration only: the pods keep running and reload it (hot reload), verified on each one.
            listener.step("Only configuration changed (" + String.join(", ", reload) + "): reloading instead of restarting the pods…");
            try {
                HotReload.Outcome outcome = hotReload.run(stack.parameters().namespace(), stack.parameters().replicaLabel(), reload, listener::step);
                listener.step(outcome.sentence());
                if (!outcome.verified()) {
                    return new Result(Ending.NOT_RELOADED, plan, applied, last);
                }
            } catch (java.io.IOException e) {
                listener.step("The reload could not be checked: " + e.getMessage());
                return new Result(Ending.NOT_RELOADED, plan, applied, last);
            }
        }
        listener.step(switch (ending) {
            case READY -> "Every workload is ready (" + last.elapsed().toSeconds() + " s).";
            case CANCELLED -> "Stopped following the rollout. The cluster keeps rolling out; open the wizard again to follow it.";
            default -> "Not every workload was ready after " + rolloutTimeout.toMinutes() + " min; the problems above say why.";
        });
        return new Result(ending, plan, applied, last);
    }
}
