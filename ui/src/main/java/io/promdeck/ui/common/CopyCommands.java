package io.promdeck.ui.common;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.CopyAs;
import io.promdeck.app.http.Transport;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.session.SessionModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.control.Menu;
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

    /** A "Copy as" submenu acting on the selected row of {@code table}, whose endpoint is named by {@code name}. */
    public static <R> Menu menu(TableView<R> table, SessionModel session, Component component, Function<R, String> name, List<Request> requests) {
        Menu menu = new Menu("Copy as");
        menu.setId(table.getId() + "-copy-as");
        for (Request request : requests) {
            MenuItem curl = new MenuItem(request.label() + " — curl");
            curl.setOnAction(e -> copy(table, session, component, name, t -> CopyAs.curl(t, request.method(), request.path(), Optional.empty())));
            MenuItem kubectl = new MenuItem(request.label() + " — kubectl");
            kubectl.setOnAction(e -> copy(table, session, component, name, t -> CopyAs.kubectl(t, context(session.sessionProperty().get()),
                    request.method(), request.path())));
            menu.getItems().addAll(curl, kubectl);
        }
        return menu;
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
