package io.promdeck.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.promdeck.app.cluster.KubeContext;
import io.promdeck.ui.sandbox.DrillsView;
import io.promdeck.ui.sandbox.DrillsViewModel;
import io.promdeck.ui.sandbox.LocalStackModel;
import io.promdeck.ui.sandbox.NotificationsView;
import io.promdeck.ui.sandbox.NotificationsViewModel;
import io.promdeck.ui.alerts.AlertsView;
import io.promdeck.ui.alerts.AlertsViewModel;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Labels;
import io.promdeck.ui.connect.ConnectView;
import io.promdeck.ui.install.WizardModel;
import io.promdeck.ui.install.WizardView;
import io.promdeck.ui.overview.OverviewView;
import io.promdeck.ui.overview.OverviewViewModel;
import io.promdeck.ui.peers.PeersView;
import io.promdeck.ui.peers.PeersViewModel;
import io.promdeck.ui.replicas.ReplicasView;
import io.promdeck.ui.replicas.ReplicasViewModel;
import io.promdeck.ui.session.ConnectionHealth;
import io.promdeck.ui.session.SessionModel;
import io.promdeck.ui.silences.SilenceDialog;
import io.promdeck.ui.silences.SilencesView;
import io.promdeck.ui.silences.SilencesViewModel;
import io.promdeck.ui.stores.StoresView;
import io.promdeck.ui.stores.StoresViewModel;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window: context picker and connection state on top, navigation on the left, the selected panel in the
 * middle, each panel's last refresh in the status bar. Shortcuts are listed in {@link Shortcuts} (F1 or ? shows them).
 */
public final class MainWindow {

    private final BorderPane root = new BorderPane();
    private final StackPane center = new StackPane();
    private final Map<String, Node> panels = new LinkedHashMap<>();
    private final Map<String, java.util.function.Supplier<Node>> lazyPanels = new java.util.HashMap<>();
    /** Shown only while a local stack is the session. */
    private final java.util.Set<String> localPanels = new java.util.HashSet<>();
    private final ToggleGroup navigation = new ToggleGroup();
    private final SessionModel session;
    private final WebUiModel webUis;
    /** Whether the Operator panel is offered (the session's stack is run by prometheus-operator). */
    private javafx.beans.value.ObservableBooleanValue operatorPanel;
    private final ComboBox<KubeContext> contextPicker = new ComboBox<>();
    private final TextField namespace = new TextField();
    private AlertsView alertsView;
    private String shown = "";
    private final SilencesViewModel silences;
    private final Clock clock;
    private boolean dark;

    public MainWindow(SessionModel session, Clock clock, boolean darkTheme, WizardModel wizard, LocalStackModel localStack,
            java.util.function.Function<io.promdeck.app.session.StackSession, java.util.Optional<io.promdeck.app.config.ConfigService>> configServices,
            io.promdeck.ui.audit.AuditViewModel audit) {
        this.session = session;
        this.clock = clock;
        this.dark = darkTheme;
        this.webUis = new WebUiModel(session);
        ConnectView connect = new ConnectView(session, this::window, localStack);
        silences = new SilencesViewModel(session, clock);
        // The view models exist from the start (they follow the session and keep their panel's state); a panel's
        // view is built the first time it is shown, so the first frame needs only the Connect panel's classes and
        // nodes (start-up time and the class-data archive's size, jlink/bench-startup.sh).
        AlertsViewModel alerts = new AlertsViewModel(session);
        OverviewViewModel overview = new OverviewViewModel(session);
        ReplicasViewModel replicas = new ReplicasViewModel(session, clock);
        PeersViewModel peers = new PeersViewModel(session);
        StoresViewModel stores = new StoresViewModel(session);
        io.promdeck.ui.operator.OperatorViewModel operator = new io.promdeck.ui.operator.OperatorViewModel(session);
        operatorPanel = operator.operatorRunProperty();
        io.promdeck.ui.events.EventsViewModel events = new io.promdeck.ui.events.EventsViewModel(session, clock);
        io.promdeck.ui.logs.LogsViewModel logs = new io.promdeck.ui.logs.LogsViewModel(session, session.tasks(), clock);
        io.promdeck.ui.config.ConfigViewModel config = new io.promdeck.ui.config.ConfigViewModel(session, configServices);
        NotificationsViewModel notifications = new NotificationsViewModel(localStack);
        DrillsViewModel drills = new DrillsViewModel(localStack);
        lazy("Overview", () -> new OverviewView(overview).root());
        lazy("Prometheus", () -> new ReplicasView(replicas, this::window).root());
        lazy("Alertmanager", () -> new PeersView(peers, this::window).root());
        lazy("Thanos", () -> new StoresView(stores, clock).root());
        lazy("Alerts", () -> {
            alertsView = new AlertsView(alerts, this::openSilence, this::window);
            return alertsView.root();
        });
        lazy("Silences", () -> new SilencesView(silences, this::window, () -> new DialogService(window())).root());
        lazy("Operator", () -> new io.promdeck.ui.operator.OperatorPanel(operator).root());
        lazy("Events", () -> new io.promdeck.ui.events.EventsView(events).root());
        lazy("Logs", () -> new io.promdeck.ui.logs.LogsView(logs, this::window).root());
        lazy("Config", () -> new io.promdeck.ui.config.ConfigView(config).root());
        lazy("Audit", () -> new io.promdeck.ui.audit.AuditView(audit).root());
        audit.load();
        // A local stack's own panels: what its Alertmanagers sent to the console's receiver, and its fault drills.
        lazy("Notifications", () -> new NotificationsView(notifications).root());
        lazy("Drills", () -> new DrillsView(drills).root());
        localPanels.addAll(List.of("Notifications", "Drills"));
        // The wizard's view is built the first time it is opened: it is most of the window's nodes.
        lazy("Install", () -> new WizardView(wizard, session, this::window, () -> {
            if (wizard.target().contextProperty().get() != null) {
                session.connect(wizard.target().contextProperty().get().name(), wizard.fields().parameters().namespace());
            }
            show("Overview");
        }).root());
        panels.put("Connect", connect.root());

        root.setTop(topBar());
        root.setLeft(navigation());
        root.setCenter(center);
        root.setBottom(new StatusBar(session, clock, webUis).root());
        // A new session opens on the Overview when the operator is still on the Connect panel; one who went on to
        // another panel while it connected stays there.
        session.sessionProperty().addListener((obs, old, now) -> {
            if (now != null && "Connect".equals(shown)) {
                show("Overview");
            }
        });
        show("Connect");
    }

    private Node topBar() {
        Label title = new Label("Promdeck");
        title.getStyleClass().add("app-title");
        contextPicker.setId("top-context");
        contextPicker.setItems(session.contexts());
        contextPicker.setPromptText("kubeconfig context");
        contextPicker.setCellFactory(l -> Labels.cell(KubeContext::name));
        contextPicker.setButtonCell(Labels.cell(KubeContext::name));
        contextPicker.valueProperty().addListener((obs, old, c) -> {
            if (c != null) {
                namespace.setText(c.namespace());
            }
        });
        namespace.setId("top-namespace");
        namespace.setPromptText("namespace");
        namespace.setAccessibleText("Namespace of the stack");
        namespace.setPrefColumnCount(12);
        Button connect = new Button("Connect", new FontIcon(Feather.LINK));
        connect.setId("top-connect");
        connect.disableProperty().bind(contextPicker.valueProperty().isNull().or(session.busyProperty()));
        connect.setOnAction(e -> session.connect(contextPicker.getValue().name(), namespace.getText().strip()));
        Label health = new Label();
        health.setId("health");
        health.setMaxWidth(560);
        health.setOnMouseClicked(e -> {
            ConnectionHealth h = session.healthProperty().get();
            if (!h.reason().isEmpty()) {
                io.promdeck.ui.common.ErrorDetails.show(window(), "Connection", h.label(), h.reason().replace("; ", "\n"));
            }
        });
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        contextPicker.setMinWidth(160);
        connect.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        session.sessionProperty().addListener((obs, old, now) -> {
            if (now != null && now.connection().isPresent()) {
                String name = now.connection().get().context().name();
                session.contexts().stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(contextPicker::setValue);
                // The namespace connected to, not the context's default one.
                now.discovered().ifPresent(d -> namespace.setText(d.namespace()));
            }
        });
        session.healthProperty().addListener((obs, old, h) -> showHealth(health, h));
        showHealth(health, session.healthProperty().get());
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("refresh");
        refresh.setTooltip(new javafx.scene.control.Tooltip("Refresh now (F5, Ctrl+R)"));
        refresh.setAccessibleText("Refresh now");
        refresh.setOnAction(e -> session.refreshNow());
        ToggleButton theme = new ToggleButton(null, new FontIcon(Feather.MOON));
        theme.setId("theme");
        theme.setTooltip(new javafx.scene.control.Tooltip("Dark theme"));
        theme.setAccessibleText("Dark theme");
        theme.setSelected(dark);
        theme.selectedProperty().addListener((obs, old, on) -> applyTheme(on));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, title, contextPicker, namespace, connect, health, spacer, WebUiMenu.create(session, webUis), refresh, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    private static void showHealth(Label label, ConnectionHealth health) {
        label.setText(health.label() + (health.reason().isEmpty() ? "" : " — " + abbreviate(health.reason())));
        label.setTooltip(health.reason().isEmpty() ? null : io.promdeck.ui.common.Tables.tooltip(health.reason().replace("; ", "\n")
                + "\n\n(click for the whole text)"));
        label.getStyleClass().removeAll("health-ok", "health-degraded", "health-down");
        label.getStyleClass().add(switch (health.level()) {
            case CONNECTED -> "health-ok";
            case DEGRADED, CONNECTING -> "health-degraded";
            case UNREACHABLE, NOT_CONNECTED -> "health-down";
        });
    }

    private static String abbreviate(String text) {
        return text.length() > 110 ? text.substring(0, 110) + "…" : text;
    }

    private Node navigation() {
        VBox nav = new VBox(2);
        nav.getStyleClass().add("navigation");
        nav.setPadding(new Insets(8));
        Map<String, Ikon> icons = Map.ofEntries(Map.entry("Overview", Feather.HOME), Map.entry("Prometheus", Feather.DATABASE),
                Map.entry("Alertmanager", Feather.SHARE_2), Map.entry("Thanos", Feather.LAYERS), Map.entry("Alerts", Feather.BELL),
                Map.entry("Silences", Feather.BELL_OFF), Map.entry("Events", Feather.ACTIVITY), Map.entry("Operator", Feather.CPU), Map.entry("Logs", Feather.TERMINAL),
                Map.entry("Config", Feather.FILE_TEXT), Map.entry("Audit", Feather.LIST),
                Map.entry("Install", Feather.DOWNLOAD), Map.entry("Connect", Feather.LINK), Map.entry("Notifications", Feather.INBOX),
                Map.entry("Drills", Feather.ZAP));
        javafx.beans.binding.BooleanBinding local = javafx.beans.binding.Bindings.createBooleanBinding(() -> session.sessionProperty().get() != null
                && session.sessionProperty().get().sandbox().isPresent(), session.sessionProperty());
        for (String name : panels.keySet()) {
            ToggleButton button = new ToggleButton(name, new FontIcon(icons.get(name)));
            button.setId("nav-" + name.toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setUserData(name);
            button.setOnAction(e -> show(name));
            if (localPanels.contains(name)) {
                button.visibleProperty().bind(local);
                button.managedProperty().bind(local);
            }
            if (name.equals("Operator")) {
                button.visibleProperty().bind(operatorPanel);
                button.managedProperty().bind(operatorPanel);
            }
            nav.getChildren().add(button);
        }
        return nav;
    }

    /** Selects the context used last time once the kubeconfig is read (the operator still clicks Connect). */
    public void preferContext(String context, String ns) {
        session.contexts().addListener((javafx.collections.ListChangeListener<KubeContext>) change -> {
            if (contextPicker.getValue() == null) {
                session.contexts().stream().filter(c -> c.name().equals(context)).findFirst().ifPresent(c -> {
                    contextPicker.setValue(c);
                    if (ns != null) {
                        namespace.setText(ns);
                    }
                });
            }
        });
    }

    /** A panel whose view is built the first time it is shown. */
    private void lazy(String panel, java.util.function.Supplier<Node> view) {
        panels.put(panel, new StackPane());
        lazyPanels.put(panel, view);
    }

    public void show(String panel) {
        java.util.function.Supplier<Node> lazy = lazyPanels.remove(panel);
        if (lazy != null) {
            panels.put(panel, lazy.get());
        }
        center.getChildren().setAll(panels.get(panel));
        shown = panel;
        navigation.getToggles().stream().filter(t -> panel.equals(t.getUserData())).findFirst().ifPresent(t -> t.setSelected(true));
    }

    private void openSilence(String matchers) {
        new SilenceDialog(window(), silences.form(matchers, null)).show();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** Keyboard shortcuts, once the window has its scene. */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), session::refreshNow);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), session::refreshNow);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            show("Alerts");
            alertsView.focusFilter();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), () -> {
            contextPicker.requestFocus();
            contextPicker.show();
        });
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7,
            KeyCode.DIGIT8, KeyCode.DIGIT9, KeyCode.DIGIT0};
        for (int i = 0; i < Shortcuts.NUMBERED_PANELS.size(); i++) {
            String panel = Shortcuts.NUMBERED_PANELS.get(i);
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> {
                show(panel);
                focusPanel();
            });
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), () -> ShortcutsDialog.show(window()));
        // "?" opens the list too, unless the operator is typing it into a field.
        scene.addEventHandler(javafx.scene.input.KeyEvent.KEY_TYPED, e -> {
            if ("?".equals(e.getCharacter()) && !(scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl)
                    && !(scene.getFocusOwner() instanceof javafx.scene.control.ComboBoxBase<?>)) {
                ShortcutsDialog.show(window());
                e.consume();
            }
        });
    }

    /** Moves the keyboard focus into the panel shown, at its first control that takes focus. */
    private void focusPanel() {
        if (center.getChildren().isEmpty()) {
            return;
        }
        firstFocusable(center.getChildren().get(0)).ifPresent(Node::requestFocus);
    }

    private static java.util.Optional<Node> firstFocusable(Node node) {
        if (node.isFocusTraversable() && !node.isDisabled() && node.isVisible()) {
            return java.util.Optional.of(node);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                java.util.Optional<Node> found = firstFocusable(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return java.util.Optional.empty();
    }

    public void applyTheme(boolean darkTheme) {
        dark = darkTheme;
        Application.setUserAgentStylesheet(darkTheme ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        io.promdeck.ui.common.ThemeColors.themeChanged(darkTheme);
    }

    /** The silences panel's model (tests import a file through it: a native file dialog cannot be driven headless). */
    SilencesViewModel silencesModel() {
        return silences;
    }

    public boolean dark() {
        return dark;
    }

    public Parent root() {
        return root;
    }
}
