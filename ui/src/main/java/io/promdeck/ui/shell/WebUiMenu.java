package io.promdeck.ui.shell;

import io.promdeck.ui.session.SessionModel;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The top bar's "Open in browser" menu, listed anew each time it opens. */
final class WebUiMenu {

    private WebUiMenu() {
    }

    /** The components' web UIs, each opened in the browser through a port-forward the console keeps until closed. */
    static javafx.scene.control.MenuButton create(SessionModel session, WebUiModel webUis) {
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton("Open in browser", new FontIcon(Feather.EXTERNAL_LINK));
        menu.setId("open-in-browser");
        menu.setTooltip(new javafx.scene.control.Tooltip("Open Prometheus, Alertmanager, Thanos Query or Grafana in your browser "
                + "(through a port-forward on 127.0.0.1 for a cluster)"));
        menu.disableProperty().bind(session.sessionProperty().isNull());
        menu.setOnShowing(e -> {
            menu.getItems().clear();
            for (Map.Entry<io.promdeck.app.cluster.Component, String> entry : webUis.available()) {
                javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(entry.getKey().title() + " — " + entry.getValue());
                item.setId("open-" + entry.getValue());
                item.setOnAction(a -> webUis.open(entry.getKey(), entry.getValue()));
                menu.getItems().add(item);
            }
            if (menu.getItems().isEmpty()) {
                javafx.scene.control.MenuItem none = new javafx.scene.control.MenuItem("No component with a web UI was found");
                none.setDisable(true);
                menu.getItems().add(none);
            }
            javafx.scene.control.MenuItem close = new javafx.scene.control.MenuItem("Close the port-forwards (" + webUis.forwardsProperty().get() + ")");
            close.setId("close-forwards");
            close.setDisable(webUis.forwardsProperty().get() == 0);
            close.setOnAction(a -> webUis.closeAll());
            menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), close);
        });
        return menu;
    }
}
