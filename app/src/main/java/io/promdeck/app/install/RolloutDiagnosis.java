package io.promdeck.app.install;

import io.promdeck.app.live.ClaimState;
import io.promdeck.app.live.EventState;
import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.app.live.PodState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the usual rollout failures into sentences an operator can act on. Pure over a snapshot. */
public final class RolloutDiagnosis {

    private static final Pattern MISSING_CLASS = Pattern.compile("storageclass\\.storage\\.k8s\\.io \"([^\"]+)\" not found");
    private static final Set<String> PULL_FAILURES = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");

    private RolloutDiagnosis() {
    }

    /**
     * @param logTail returns the last log lines of (pod, container), or a note that they could not be read
     */
    public static List<String> sentences(NamespaceSnapshot snapshot, String instance, BiFunction<String, String, String> logTail) {
        List<String> sentences = new ArrayList<>();
        for (ClaimState claim : snapshot.claims()) {
            if ("Pending".equals(claim.phase())) {
                sentences.add(pendingClaim(claim, snapshot.events()));
            }
        }
        for (PodState pod : snapshot.pods()) {
            if (!instance.equals(pod.labels().get(StackRenderer.INSTANCE))) {
                continue;
            }
            if (pod.unschedulable() != null) {
                sentences.add("Pod " + pod.name() + " cannot be scheduled: " + pod.unschedulable()
                        + " Lower its CPU/memory requests in the parameters, or add capacity to the cluster.");
            }
            for (PodState.ContainerWait wait : pod.waits()) {
                if (PULL_FAILURES.contains(wait.reason())) {
                    sentences.add("Pod " + pod.name() + " cannot pull image " + wait.image() + " from registry " + registry(wait.image())
                            + " (" + wait.reason() + (wait.message() == null ? "" : ": " + wait.message()) + "). Check that the image "
                            + "exists there, that the registry mirror holds it, and that the image pull secret is right.");
                } else if ("CrashLoopBackOff".equals(wait.reason())) {
                    sentences.add("Container " + wait.container() + " of pod " + pod.name() + " keeps crashing (" + pod.restarts()
                            + " restarts). Its last log lines: " + logTail.apply(pod.name(), wait.container()));
                }
            }
        }
        return sentences;
    }

    private static String pendingClaim(ClaimState claim, List<EventState> events) {
        for (EventState event : events) {
            if (!claim.name().equals(event.objectName()) || event.message() == null) {
                continue;
            }
            Matcher missing = MISSING_CLASS.matcher(event.message());
            if (missing.find()) {
                return "Volume claim " + claim.name() + " is Pending: the StorageClass '" + missing.group(1)
                        + "' does not exist in this cluster. Choose one of the cluster's StorageClasses in the Storage step.";
            }
            if (event.message().contains("no storage class is set") || event.message().contains("no persistent volumes available")) {
                return "Volume claim " + claim.name() + " is Pending: it names no StorageClass and the cluster has no default one. "
                        + "Choose a StorageClass in the Storage step, or mark one as the cluster default.";
            }
            if ("WaitForFirstConsumer".equals(event.reason())) {
                return "Volume claim " + claim.name() + " waits for its pod to be scheduled (WaitForFirstConsumer).";
            }
        }
        return "Volume claim " + claim.name() + " is Pending" + (claim.storageClass() == null ? " and names no StorageClass" :
                " on StorageClass '" + claim.storageClass() + "'") + "; the cluster has said nothing about it yet.";
    }

    /** The registry an image reference pulls from; Docker Hub when it names none. */
    static String registry(String image) {
        if (image == null) {
            return "unknown";
        }
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return first;
            }
        }
        return "docker.io";
    }
}
