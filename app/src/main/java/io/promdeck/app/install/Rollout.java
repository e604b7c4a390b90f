package io.promdeck.app.install;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.app.live.NamespaceWatch;
import io.promdeck.app.live.WorkloadState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows every workload of a rendered stack until it is ready, through informers on the stack namespace (no
 * polling), reporting progress and the problems {@link RolloutDiagnosis} finds on each change.
 */
public final class Rollout {

    /** How many of the namespace's latest events a progress report carries. */
    static final int EVENTS = 30;

    private final KubernetesClient client;
    private final Clock clock;

    public Rollout(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Blocks until all are ready, the timeout passes or {@code cancelled} turns true; returns the last progress. */
    public RolloutProgress await(RenderedStack stack, Consumer<RolloutProgress> listener, Duration timeout, BooleanSupplier cancelled)
            throws InterruptedException {
        List<String[]> workloads = new ArrayList<>();
        for (RenderedObject o : stack.objects()) {
            if (List.of("StatefulSet", "Deployment", "DaemonSet").contains(o.kind())) {
                workloads.add(new String[] {o.kind(), o.name()});
            }
        }
        String namespace = stack.parameters().namespace();
        String instance = stack.parameters().instance();
        AtomicReference<NamespaceSnapshot> latest = new AtomicReference<>();
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        long started = System.nanoTime();
        RolloutProgress last = new RolloutProgress(List.of(), Duration.ZERO, List.of(), List.of());
        try (NamespaceWatch watch = new NamespaceWatch(client, namespace, snapshot -> {
            latest.set(snapshot);
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }, clock)) {
            watch.start();
            long deadline = started + timeout.toNanos();
            while (!cancelled.getAsBoolean() && System.nanoTime() < deadline) {
                NamespaceSnapshot snapshot = latest.get();
                if (snapshot != null) {
                    last = progress(snapshot, workloads, instance, namespace, Duration.ofNanos(System.nanoTime() - started));
                    listener.accept(last);
                    if (last.complete()) {
                        return last;
                    }
                }
                lock.lock();
                try {
                    if (latest.get() == snapshot) {
                        changed.await(1, TimeUnit.SECONDS);
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        return last;
    }

    private RolloutProgress progress(NamespaceSnapshot snapshot, List<String[]> workloads, String instance, String namespace, Duration elapsed) {
        List<RolloutProgress.Workload> states = new ArrayList<>();
        for (String[] w : workloads) {
            WorkloadState state = snapshot.workload(w[0], w[1]).orElse(null);
            states.add(state == null ? new RolloutProgress.Workload(w[0], w[1], 0, 0, 0, false)
                    : new RolloutProgress.Workload(w[0], w[1], state.ready(), state.desired(), state.updated(), state.current()));
        }
        List<String> problems = RolloutDiagnosis.sentences(snapshot, instance, (pod, container) -> logTail(namespace, pod, container));
        List<io.promdeck.app.live.EventState> events = snapshot.events().stream()
                .sorted(java.util.Comparator.comparing(io.promdeck.app.live.EventState::last,
                        java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())))
                .limit(EVENTS).toList();
        return new RolloutProgress(states, elapsed, problems, events);
    }

    private String logTail(String namespace, String pod, String container) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod).inContainer(container).tailingLines(5).getLog();
            return log == null || log.isBlank() ? "(the log is empty)" : log.strip().replace("\n", " | ");
        } catch (RuntimeException e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }
}
