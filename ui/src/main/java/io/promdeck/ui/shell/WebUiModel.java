package io.promdeck.ui.shell;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.transport.WebUis;
import io.promdeck.ui.common.Browser;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.session.SessionModel;
import java.util.List;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Open in browser": the session's components' web UIs, through port-forwards the console opens (in the background)
 * and closes when asked, when the session changes, or at exit.
 */
public final class WebUiModel {

    private final SessionModel session;
    private final StringProperty status = new SimpleStringProperty("");
    private final IntegerProperty forwards = new SimpleIntegerProperty(0);
    private WebUis current;

    public WebUiModel(SessionModel session) {
        this.session = session;
        session.sessionProperty().addListener((obs, old, now) -> {
            WebUis previous = current;
            current = now == null ? null : new WebUis(now);
            forwards.set(0);
            status.set("");
            if (previous != null) {
                session.tasks().executor().execute(previous::close);
            }
        });
    }

    /** The endpoints whose web UI can be opened now. */
    public List<Map.Entry<Component, String>> available() {
        return current == null ? List.of() : current.available();
    }

    /** Opens the endpoint's web UI in the browser, through a port-forward when it is in a cluster. */
    public void open(Component component, String endpoint) {
        WebUis uis = current;
        if (uis == null) {
            return;
        }
        status.set("Opening " + component.title() + " " + endpoint + "…");
        session.tasks().run(() -> uis.open(component, endpoint)).onSuccess(opened -> {
            if (uis != current) {
                return;
            }
            forwards.set(uis.forwardCount());
            status.set("Opened " + opened.describe());
            Browser.open(opened.url());
        }).onError(e -> status.set("Could not open " + component.title() + " " + endpoint + ": " + DialogService.sentence(e))).start();
    }

    /** Closes every port-forward opened for the browser. */
    public void closeAll() {
        WebUis uis = current;
        if (uis == null) {
            return;
        }
        session.tasks().run(() -> {
            int count = uis.forwardCount();
            uis.close();
            return count;
        }).onSuccess(count -> {
            forwards.set(0);
            status.set("Closed " + count + " port-forward" + (count == 1 ? "" : "s") + ".");
        }).start();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyIntegerProperty forwardsProperty() {
        return forwards;
    }
}
