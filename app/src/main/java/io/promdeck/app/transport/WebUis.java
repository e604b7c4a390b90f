package io.promdeck.app.transport;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.cluster.DiscoveredPod;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.session.StackSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The components' own web UIs (Prometheus, Alertmanager, Thanos Query, Grafana) for the operator's browser. A pod in a
 * cluster is reached through a port-forward on 127.0.0.1 that this class opens and keeps until it is closed (the
 * browser cannot authenticate to the API server's proxy); a local stack or a direct-URL profile is opened at its own
 * URL. Opening blocks: call it off the UI thread.
 */
public final class WebUis implements AutoCloseable {

    /** The components with a web UI worth opening. */
    public static final List<Component> WITH_UI = List.of(Component.PROMETHEUS, Component.ALERTMANAGER, Component.THANOS_QUERY, Component.GRAFANA);

    /** A web UI ready in the browser: its URL, and whether a port-forward carries it. */
    public record Opened(Component component, String endpoint, String url, boolean forwarded) {
        public String describe() {
            return component.title() + " " + endpoint + " at " + url + (forwarded ? " (port-forward)" : "");
        }
    }

    private final StackSession session;
    private final OkHttpClient http = HttpClients.defaults().build();
    private final Map<String, PortForwardTransport> forwards = new LinkedHashMap<>();
    private final Map<String, Opened> opened = new LinkedHashMap<>();

    public WebUis(StackSession session) {
        this.session = session;
    }

    /** What can be opened: each endpoint of the components that have a web UI. */
    public List<Map.Entry<Component, String>> available() {
        List<Map.Entry<Component, String>> out = new ArrayList<>();
        for (Component component : WITH_UI) {
            session.monitor().endpoints().of(component).forEach(e -> out.add(Map.entry(component, e.name())));
        }
        return out;
    }

    /** Opens (or reuses) the way to an endpoint's web UI. */
    public synchronized Opened open(Component component, String endpoint) throws IOException {
        String key = component + "/" + endpoint;
        Opened existing = opened.get(key);
        PortForwardTransport forward = forwards.get(key);
        if (existing != null && (forward == null || forward.address().isPresent())) {
            return existing;
        }
        Endpoint found = session.monitor().endpoints().of(component).stream().filter(e -> e.name().equals(endpoint)).findFirst()
                .orElseThrow(() -> new IOException("the stack has no " + component.title() + " called " + endpoint));
        Opened result;
        if (session.connection().isPresent() && session.discovered().isPresent()) {
            DiscoveredPod pod = session.discovered().get().of(component).stream().filter(p -> p.name().equals(endpoint)).findFirst()
                    .orElseThrow(() -> new IOException(endpoint + " is not a discovered pod"));
            PortForwardTransport fresh = forward != null ? forward
                    : new PortForwardTransport(session.connection().get().client(), http, pod.namespace(), pod.name(), pod.port());
            String url = fresh.open().address().orElseThrow().baseUrl() + "/";
            forwards.put(key, fresh);
            result = new Opened(component, endpoint, url, true);
        } else {
            String url = found.transport().address().map(a -> a.baseUrl() + "/")
                    .orElseThrow(() -> new IOException(endpoint + " has no address a browser can open"));
            result = new Opened(component, endpoint, url, false);
        }
        opened.put(key, result);
        return result;
    }

    /** The web UIs opened and still reachable through their forwards. */
    public synchronized List<Opened> opened() {
        return List.copyOf(opened.values());
    }

    /** How many port-forwards are open. */
    public synchronized int forwardCount() {
        return (int) forwards.values().stream().filter(f -> f.address().isPresent()).count();
    }

    public synchronized Optional<Opened> get(Component component, String endpoint) {
        return Optional.ofNullable(opened.get(component + "/" + endpoint));
    }

    /** Closes every port-forward (the browser's pages stop answering). */
    @Override
    public synchronized void close() {
        forwards.values().forEach(PortForwardTransport::close);
        forwards.clear();
        opened.clear();
    }
}
