package io.promdeck.app.live;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Live state of the stack namespace without polling: informers on pods, StatefulSets, Deployments, DaemonSets,
 * PVCs and events of that namespace only (no cluster-wide watch). Each change produces a new immutable
 * {@link NamespaceSnapshot} for the listener; handlers only copy data out of the cache. Close on context switch.
 */
public final class NamespaceWatch implements AutoCloseable {

    /** Events kept in a snapshot, newest first. */
    static final int MAX_EVENTS = 200;
    private static final long RESYNC_MILLIS = 0;

    private final KubernetesClient client;
    private final String namespace;
    private final Consumer<NamespaceSnapshot> listener;
    private final Clock clock;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<StatefulSet> statefulSets;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<DaemonSet> daemonSets;
    private SharedIndexInformer<PersistentVolumeClaim> claims;
    private SharedIndexInformer<Event> events;
    private volatile boolean started;
    /**
     * Each informer calls its handler on its own thread: without this lock a snapshot taken before a pod arrived
     * could be published after the one that holds it, and the pod would stay missing until the next change.
     */
    private final Object publishing = new Object();

    public NamespaceWatch(KubernetesClient client, String namespace, Consumer<NamespaceSnapshot> listener, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.listener = listener;
        this.clock = clock;
    }

    /** Starts the informers and waits until each has listed once; then publishes the first snapshot. */
    public synchronized void start() {
        ResourceEventHandler<HasMetadata> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                changed();
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                changed();
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                changed();
            }
        };
        pods = track(client.pods().inNamespace(namespace).inform(cast(handler), RESYNC_MILLIS));
        statefulSets = track(client.apps().statefulSets().inNamespace(namespace).inform(cast(handler), RESYNC_MILLIS));
        deployments = track(client.apps().deployments().inNamespace(namespace).inform(cast(handler), RESYNC_MILLIS));
        daemonSets = track(client.apps().daemonSets().inNamespace(namespace).inform(cast(handler), RESYNC_MILLIS));
        claims = track(client.persistentVolumeClaims().inNamespace(namespace).inform(cast(handler), RESYNC_MILLIS));
        events = track(client.v1().events().inNamespace(namespace).inform(cast(handler), RESYNC_MILLIS));
        started = true;
        changed();
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }

    private <T extends HasMetadata> SharedIndexInformer<T> track(SharedIndexInformer<T> informer) {
        informers.add(informer);
        return informer;
    }

    private void changed() {
        synchronized (publishing) {
            if (started) {
                listener.accept(snapshot());
            }
        }
    }

    /** The current state from the informers' caches. */
    public NamespaceSnapshot snapshot() {
        List<PodState> podStates = pods.getStore().list().stream().map(NamespaceWatch::pod)
                .sorted(Comparator.comparing(PodState::name)).toList();
        List<WorkloadState> workloads = new ArrayList<>();
        statefulSets.getStore().list().forEach(s -> workloads.add(new WorkloadState("StatefulSet", s.getMetadata().getName(),
                orZero(s.getSpec() == null ? null : s.getSpec().getReplicas()),
                orZero(s.getStatus() == null ? null : s.getStatus().getReadyReplicas()),
                orZero(s.getStatus() == null ? null : s.getStatus().getUpdatedReplicas()),
                WorkloadState.observed(s.getMetadata().getGeneration(), s.getStatus() == null ? null : s.getStatus().getObservedGeneration()))));
        deployments.getStore().list().forEach(d -> workloads.add(new WorkloadState("Deployment", d.getMetadata().getName(),
                orZero(d.getSpec() == null ? null : d.getSpec().getReplicas()),
                orZero(d.getStatus() == null ? null : d.getStatus().getReadyReplicas()),
                orZero(d.getStatus() == null ? null : d.getStatus().getUpdatedReplicas()),
                WorkloadState.observed(d.getMetadata().getGeneration(), d.getStatus() == null ? null : d.getStatus().getObservedGeneration()))));
        daemonSets.getStore().list().forEach(d -> workloads.add(new WorkloadState("DaemonSet", d.getMetadata().getName(),
                orZero(d.getStatus() == null ? null : d.getStatus().getDesiredNumberScheduled()),
                orZero(d.getStatus() == null ? null : d.getStatus().getNumberReady()),
                orZero(d.getStatus() == null ? null : d.getStatus().getUpdatedNumberScheduled()),
                WorkloadState.observed(d.getMetadata().getGeneration(), d.getStatus() == null ? null : d.getStatus().getObservedGeneration()))));
        workloads.sort(Comparator.comparing(WorkloadState::kind).thenComparing(WorkloadState::name));
        List<ClaimState> claimStates = claims.getStore().list().stream()
                .map(c -> new ClaimState(c.getMetadata().getName(), c.getStatus() == null ? "" : c.getStatus().getPhase(),
                        c.getSpec() == null ? null : c.getSpec().getStorageClassName()))
                .sorted(Comparator.comparing(ClaimState::name)).toList();
        List<EventState> eventStates = events.getStore().list().stream().map(NamespaceWatch::event)
                .sorted(Comparator.comparing(EventState::last, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(MAX_EVENTS).toList();
        return new NamespaceSnapshot(namespace, clock.instant(), podStates, workloads, claimStates, eventStates);
    }

    static PodState pod(Pod pod) {
        boolean ready = false;
        int restarts = 0;
        List<PodState.ContainerWait> waits = new ArrayList<>();
        String unschedulable = null;
        Instant started = null;
        if (pod.getStatus() != null) {
            if (pod.getStatus().getConditions() != null) {
                for (PodCondition condition : pod.getStatus().getConditions()) {
                    if ("Ready".equals(condition.getType())) {
                        ready = "True".equals(condition.getStatus());
                    }
                    if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                            && "Unschedulable".equals(condition.getReason())) {
                        unschedulable = condition.getMessage();
                    }
                }
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                    restarts += orZero(status.getRestartCount());
                    if (status.getState() != null && status.getState().getWaiting() != null
                            && status.getState().getWaiting().getReason() != null) {
                        waits.add(new PodState.ContainerWait(status.getName(), status.getImage(),
                                status.getState().getWaiting().getReason(), status.getState().getWaiting().getMessage()));
                    }
                }
            }
            started = time(pod.getStatus().getStartTime());
        }
        return new PodState(pod.getMetadata().getName(), pod.getStatus() == null ? "" : pod.getStatus().getPhase(), ready, restarts,
                pod.getSpec() == null ? null : pod.getSpec().getNodeName(), pod.getStatus() == null ? null : pod.getStatus().getPodIP(),
                pod.getMetadata().getLabels(), waits, unschedulable, started);
    }

    static EventState event(Event event) {
        Instant last = time(event.getLastTimestamp());
        if (last == null && event.getEventTime() != null) {
            last = time(event.getEventTime().getTime());
        }
        if (last == null) {
            last = time(event.getMetadata().getCreationTimestamp());
        }
        return new EventState(event.getType(), event.getReason(), event.getMessage(),
                event.getInvolvedObject() == null ? null : event.getInvolvedObject().getKind(),
                event.getInvolvedObject() == null ? null : event.getInvolvedObject().getName(), last, orZero(event.getCount()));
    }

    private static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    @Override
    public synchronized void close() {
        started = false;
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
