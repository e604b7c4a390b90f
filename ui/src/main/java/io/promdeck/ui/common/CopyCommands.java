package io.promdeck.ui.common;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.CopyAs;
import io.promdeck.app.http.Transport;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.session.SessionModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * "Copy as" menus for a table of endpoints: for each request the row stands for, the {@code curl} and (through the
 * API server) {@code kubectl} command that does the same from a terminal. No token is ever written: curl reads
 * {@code $TOKEN}.
 */
public final class CopyCommands {

    /** One request a row's endpoint answers: a menu label, the method and the path. */
    public record Request(String label, String method, String path) {
    }

    private CopyCommands() {
    }

    /**
     * "Copy as" items acting on the selected row of {@code table}, whose endpoint is named by {@code name}: for each
     * request, curl, curl with the user's token (only when chosen), and kubectl. A flat list, not a submenu, so the
     * keyboard reaches each with Down alone.
     */
    public static <R> MenuItem[] items(TableView<R> table, SessionModel session, Component component, Function<R, String> name,
            List<Request> requests) {
        List<MenuItem> items = new java.util.ArrayList<>();
        for (Request request : requests) {
            MenuItem curl = new MenuItem("Copy as curl: " + request.label());
            curl.setOnAction(e -> copy(table, session, component, name, t -> CopyAs.curl(t, request.method(), request.path(), Optional.empty())));
            MenuItem withToken = new MenuItem("Copy as curl with my token (secret): " + request.label());
            withToken.setOnAction(e -> copyWithToken(table, session, component, name, request));
            MenuItem kubectl = new MenuItem("Copy as kubectl: " + request.label());
            kubectl.setOnAction(e -> copy(table, session, component, name, t -> CopyAs.kubectl(t, context(session.sessionProperty().get()),
                    request.method(), request.path())));
            items.addAll(List.of(curl, withToken, kubectl));
        }
        return items.toArray(MenuItem[]::new);
    }

    /** The command for the selected row's endpoint, put on the clipboard; false when there is none (no such address). */
    static <R> boolean copy(TableView<R> table, SessionModel session, Component component, Function<R, String> name,
            Function<Transport, Optional<String>> command) {
        R row = table.getSelectionModel().getSelectedItem();
        Optional<String> text = row == null ? Optional.empty() : transport(session.sessionProperty().get(), component, name.apply(row)).flatMap(command);
        ClipboardContent content = new ClipboardContent();
        content.putString(text.orElse(""));
        Clipboard.getSystemClipboard().setContent(content);
        return text.isPresent();
    }

    /**
     * curl with the session's bearer token written in, because the operator asked: the token is read off the UI
     * thread (a credential plugin may run) and goes to the clipboard only.
     */
    private static <R> void copyWithToken(TableView<R> table, SessionModel session, Component component, Function<R, String> name,
            Request request) {
        StackSession current = session.sessionProperty().get();
        R row = table.getSelectionModel().getSelectedItem();
        if (current == null || row == null) {
            return;
        }
        Optional<Transport> transport = transport(current, component, name.apply(row));
        session.tasks().run(() -> current.connection().flatMap(c -> c.bearerToken()))
                .onSuccess(token -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(transport.flatMap(t -> CopyAs.curl(t, request.method(), request.path(), token)).orElse(""));
                    Clipboard.getSystemClipboard().setContent(content);
                }).start();
    }

    /** The transport of the named endpoint of the open session. */
    public static Optional<Transport> transport(StackSession session, Component component, String endpoint) {
        if (session == null) {
            return Optional.empty();
        }
        return session.monitor().endpoints().of(component).stream().filter(e -> e.name().equals(endpoint)).findFirst().map(e -> e.transport());
    }

    private static String context(StackSession session) {
        return session == null ? "" : session.connection().map(c -> c.context().name()).orElse("");
    }
}
