package io.promdeck.app.logs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Pod logs through the API server ({@code get pods/log}), for the pods of the stack namespace. */
public final class ClusterLogs implements LogSource {

    private final KubernetesClient client;
    private final String context;
    private final String namespace;
    private final Executor executor;

    public ClusterLogs(KubernetesClient client, String context, String namespace, Executor executor) {
        this.client = client;
        this.context = context;
        this.namespace = namespace;
        this.executor = executor;
    }

    @Override
    public String where() {
        return context + " / " + namespace;
    }

    @Override
    public List<Target> targets() throws IOException {
        try {
            List<Target> targets = new ArrayList<>();
            for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
                List<String> containers = new ArrayList<>();
                if (pod.getSpec() != null) {
                    pod.getSpec().getContainers().stream().map(Container::getName).forEach(containers::add);
                    pod.getSpec().getInitContainers().stream().map(Container::getName).forEach(containers::add);
                }
                int restarts = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? 0
                        : pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getRestartCount)
                                .mapToInt(r -> r == null ? 0 : r).sum();
                targets.add(new Target(pod.getMetadata().getName(), containers, restarts));
            }
            targets.sort(Comparator.comparing(Target::pod));
            return targets;
        } catch (KubernetesClientException e) {
            throw new IOException("cannot list the pods of " + namespace + ": " + reason(e), e);
        }
    }

    @Override
    public List<String> read(Request request) throws IOException {
        try {
            return Lines.of(loggable(request).getLog());
        } catch (KubernetesClientException e) {
            throw new IOException(describe(request) + ": " + reason(e), e);
        }
    }

    @Override
    public Stream follow(Request request, Consumer<String> line, Consumer<String> ended) throws IOException {
        LogWatch watch;
        try {
            watch = loggable(request).watchLog();
        } catch (KubernetesClientException e) {
            throw new IOException(describe(request) + ": " + reason(e), e);
        }
        AtomicBoolean closed = new AtomicBoolean();
        executor.execute(() -> {
            String why = "the log stream ended (the container stopped, or the API server closed the connection)";
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                for (String next = reader.readLine(); next != null; next = reader.readLine()) {
                    line.accept(next);
                }
            } catch (IOException e) {
                why = "the log stream broke: " + e.getMessage();
            } finally {
                ended.accept(closed.get() ? "" : why);
                watch.close();
            }
        });
        return () -> {
            closed.set(true);
            watch.close();
        };
    }

    private Loggable loggable(Request request) {
        ContainerResource container = client.pods().inNamespace(namespace).withName(request.pod()).inContainer(request.container());
        TailPrettyLoggable which = request.previous() ? container.terminated() : container;
        return which.tailingLines(request.tailLines());
    }

    private String describe(Request request) {
        return "cannot read the " + (request.previous() ? "previous " : "") + "log of " + request.pod() + "/" + request.container();
    }

    /** The API server's own message (for --previous on a container that never restarted it says so). */
    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")";
        }
        return e.getMessage();
    }

    @Override
    public String command(Request request, boolean follow) {
        return "kubectl --context " + context + " -n " + namespace + " logs " + request.pod() + " -c " + request.container()
                + " --tail=" + request.tailLines() + (request.previous() ? " --previous" : "") + (follow ? " -f" : "");
    }
}
