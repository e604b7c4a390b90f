package io.promdeck.ui.connect;

import io.promdeck.app.cluster.AccessCheck;
import io.promdeck.app.cluster.Capabilities;
import io.promdeck.app.cluster.DiscoveredPod;
import io.promdeck.app.cluster.KubeContext;
import io.promdeck.app.cluster.KubeconfigException;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.common.ElapsedProgress;
import io.promdeck.ui.sandbox.LocalStackModel;
import io.promdeck.ui.sandbox.LocalStackPane;
import io.promdeck.ui.common.Tables;
import io.promdeck.ui.session.SessionModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The connect screen: contexts from the kubeconfig, the connection test with the RBAC preflight and discovery
 * results, and direct-URL profiles. Without any kubeconfig it opens on a first screen that says so.
 */
public final class ConnectView {

    private final StackPane root = new StackPane();
    private final SessionModel model;
    private final ListView<KubeContext> contexts;
    private final TextField namespace = new TextField();
    private final javafx.scene.control.ComboBox<java.util.Optional<io.promdeck.app.transport.TransportMode>> transport = transportChoice();

    public ConnectView(SessionModel model, java.util.function.Supplier<Window> owner, LocalStackModel localStack) {
        this.model = model;
        contexts = new ListView<>(model.contexts());
        contexts.setId("contexts");
        contexts.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(KubeContext c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.name() + "   " + c.server() + "   user " + c.user() + " (" + c.auth() + ")");
            }
        });
        contexts.getSelectionModel().selectedItemProperty().addListener((obs, old, c) -> {
            if (c != null) {
                namespace.setText(c.namespace());
                transport.setValue(model.transportChoice(c.name()));
            }
        });
        // kubectl's habit: the kubeconfig's current-context is the one selected, ready to connect.
        model.currentContextProperty().addListener((obs, old, current) -> preselect(current));
        contexts.getItems().addListener((javafx.collections.ListChangeListener<KubeContext>) c -> preselect(model.currentContextProperty().get()));
        contexts.setPrefHeight(160);
        namespace.setId("namespace");
        namespace.setPromptText("namespace of the stack");
        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(contexts.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        connect.setOnAction(e -> connectSelected());
        Label progress = new Label();
        progress.setId("connect-progress");
        Button cancel = new Button("Cancel");
        cancel.setId("connect-cancel");
        cancel.visibleProperty().bind(model.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancelConnect());
        // The step under way and how long it has waited, every second while connecting.
        ElapsedProgress.bind(progress, model.progressProperty(), model.connectStartedProperty(), model.busyProperty(), model.clock());
        Label error = new Label();
        error.setId("connect-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(model.connectErrorProperty());

        VBox results = new VBox(6);
        results.setId("connect-results");
        model.sessionProperty().addListener((obs, old, session) -> showResults(results, session));
        VBox override = overrideRow();
        ScrollPane scroll = new ScrollPane();
        scroll.setFitToWidth(true);

        VBox clusterPane = new VBox(8, title("Kubernetes contexts"), contexts, connectRow(connect),
                new HBox(8, progress, cancel), error, results, override);
        VBox profilePane = new VBox(8, title("Direct-URL profile"), profileRow(owner));
        VBox content = new VBox(16, clusterPane, profilePane, new LocalStackPane(localStack, "local-stack").root());
        content.setPadding(new Insets(16));
        scroll.setContent(content);
        Node main = scroll;

        ScrollPane firstScreen = new ScrollPane(noKubeconfigScreen(owner, localStack));
        firstScreen.setFitToWidth(true);
        root.getChildren().addAll(main);
        model.kubeconfigProblemProperty().addListener((obs, old, problem) -> {
            root.getChildren().setAll(problem != null && problem.kind() == KubeconfigException.Kind.NO_KUBECONFIG ? firstScreen : main);
            if (problem != null && problem.kind() != KubeconfigException.Kind.NO_KUBECONFIG) {
                error.textProperty().unbind();
                error.setText(problem.getMessage());
            }
        });
    }

    private HBox connectRow(Button connect) {
        Label namespaceLabel = new Label("_Namespace");
        namespaceLabel.setMnemonicParsing(true);
        namespaceLabel.setLabelFor(namespace);
        Label transportLabel = new Label("_Transport");
        transportLabel.setMnemonicParsing(true);
        transportLabel.setLabelFor(transport);
        HBox row = new HBox(8, namespaceLabel, namespace, transportLabel, transport, connect);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    /** Automatic (from the RBAC preflight) or one of the transports, remembered per context when connecting. */
    private static javafx.scene.control.ComboBox<java.util.Optional<io.promdeck.app.transport.TransportMode>> transportChoice() {
        javafx.collections.ObservableList<java.util.Optional<io.promdeck.app.transport.TransportMode>> choices = FXCollections.observableArrayList();
        choices.add(java.util.Optional.empty());
        for (io.promdeck.app.transport.TransportMode mode : io.promdeck.app.transport.TransportMode.values()) {
            choices.add(java.util.Optional.of(mode));
        }
        javafx.scene.control.ComboBox<java.util.Optional<io.promdeck.app.transport.TransportMode>> box = new javafx.scene.control.ComboBox<>(choices);
        box.setId("transport");
        box.setValue(java.util.Optional.empty());
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(java.util.Optional<io.promdeck.app.transport.TransportMode> mode) {
                return mode == null || mode.isEmpty() ? "Automatic (from permissions)" : mode.get().label();
            }

            @Override
            public java.util.Optional<io.promdeck.app.transport.TransportMode> fromString(String text) {
                return choices.stream().filter(c -> toString(c).equals(text)).findFirst().orElse(java.util.Optional.empty());
            }
        });
        box.setTooltip(new javafx.scene.control.Tooltip("How the console reaches the pods: the API server's pod proxy, a port-forward, "
                + "or straight to the pod IPs from inside the cluster network. Remembered for each context."));
        box.setAccessibleText("Transport");
        return box;
    }

    private void preselect(String current) {
        if (current == null || contexts.getSelectionModel().getSelectedItem() != null) {
            return;
        }
        for (int i = 0; i < contexts.getItems().size(); i++) {
            if (contexts.getItems().get(i).name().equals(current)) {
                contexts.getSelectionModel().select(i);
                contexts.scrollTo(i);
                return;
            }
        }
    }

    private Node profileRow(java.util.function.Supplier<Window> owner) {
        TextField profilePath = new TextField();
        profilePath.setId("profile-path");
        profilePath.setPromptText("path to a profile .yaml (prometheus/alertmanager/thanosQuery URLs)");
        HBox.setHgrow(profilePath, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Profiles", "*.yaml", "*.yml"));
            File file = chooser.showOpenDialog(owner.get());
            if (file != null) {
                profilePath.setText(file.getPath());
            }
        });
        Button open = new Button("Open profile");
        open.setId("profile-open");
        open.disableProperty().bind(profilePath.textProperty().isEmpty().or(model.busyProperty()));
        open.setOnAction(e -> model.openProfile(Path.of(profilePath.getText().strip())));
        return new HBox(8, profilePath, browse, open);
    }

    /** The operator's own answer when discovery picks the wrong pods: a label selector per component, per context. */
    private VBox overrideRow() {
        javafx.scene.control.ComboBox<io.promdeck.app.cluster.Component> component = new javafx.scene.control.ComboBox<>(
                FXCollections.observableArrayList(io.promdeck.app.cluster.Component.values()));
        component.setId("override-component");
        component.setValue(io.promdeck.app.cluster.Component.PROMETHEUS);
        TextField selector = new TextField();
        selector.setId("override-selector");
        selector.setPromptText("label selector, e.g. app=prometheus,tier=ha (empty removes the override)");
        HBox.setHgrow(selector, Priority.ALWAYS);
        Label error = new Label();
        error.setId("override-error");
        error.getStyleClass().add("field-error");
        Button save = new Button("Save override and rediscover");
        save.setId("override-save");
        save.disableProperty().bind(model.sessionProperty().isNull().or(model.busyProperty()));
        save.setOnAction(e -> model.saveOverride(component.getValue(), selector.getText(), error::setText));
        VBox box = new VBox(6, title("Discovery override for this context"), new HBox(8, component, selector, save), error);
        box.visibleProperty().bind(model.sessionProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Without a kubeconfig, the first thing offered is a local stack; then how to get a kubeconfig, and profiles. */
    private VBox noKubeconfigScreen(java.util.function.Supplier<Window> owner, LocalStackModel localStack) {
        Label heading = new Label("No kubeconfig found");
        heading.getStyleClass().add("panel-title");
        heading.setId("no-kubeconfig");
        Label explain = new Label("""
                To connect to a cluster, Promdeck uses the same kubeconfig kubectl uses: the files named in KUBECONFIG, or
                ~/.kube/config. None of them exists on this machine.

                To get one: ask your cluster's administrator, or use your cloud's CLI
                (for example: gcloud container clusters get-credentials, aws eks update-kubeconfig, az aks get-credentials).
                Then restart Promdeck or press F5.

                Stacks outside Kubernetes, or behind per-pod Ingresses, can be opened with a direct-URL profile instead:""");
        explain.setWrapText(true);
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.textProperty().bind(model.connectErrorProperty());
        VBox screen = new VBox(12, new LocalStackPane(localStack, "sandbox").root(), new javafx.scene.control.Separator(), heading, explain,
                profileRow(owner), error);
        screen.setPadding(new Insets(24));
        screen.setMaxWidth(900);
        return screen;
    }

    private void connectSelected() {
        KubeContext selected = contexts.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.connect(selected.name(), namespace.getText().isBlank() ? selected.namespace() : namespace.getText().strip(),
                    transport.getValue() == null ? java.util.Optional.empty() : transport.getValue());
        }
    }

    private static void showResults(VBox results, StackSession session) {
        results.getChildren().clear();
        if (session == null) {
            return;
        }
        Label who = new Label("Connected to " + session.title() + " as " + session.userName());
        who.setId("connect-user");
        results.getChildren().add(who);
        session.capabilities().ifPresent(c -> {
            Label summary = new Label(c.summary());
            summary.setId("capabilities");
            summary.getStyleClass().add("capabilities");
            results.getChildren().add(summary);
            for (Capabilities.Capability capability : List.of(c.monitor(), c.act(), c.install())) {
                if (!capability.granted()) {
                    Label missing = new Label("To " + capability.name() + ", missing: " + capability.missing().stream().limit(8)
                            .map(AccessCheck::describe).collect(Collectors.joining(", "))
                            + (capability.missing().size() > 8 ? " and " + (capability.missing().size() - 8) + " more" : ""));
                    missing.setWrapText(true);
                    missing.getStyleClass().add("missing-verbs");
                    results.getChildren().add(missing);
                }
            }
        });
        session.transport().ifPresent(t -> {
            Label transport = new Label("Transport: " + t.mode().map(io.promdeck.app.transport.TransportMode::label).orElse("none") + " — " + t.reason());
            transport.setId("connect-transport");
            results.getChildren().add(transport);
        });
        session.operator().ifPresent(reading -> {
            Label operator = new Label(io.promdeck.app.operator.OperatorResources.describe(reading));
            operator.setId("connect-operator");
            operator.setWrapText(true);
            if (reading instanceof io.promdeck.app.operator.OperatorResources.Forbidden) {
                operator.getStyleClass().add("missing-verbs");
            }
            results.getChildren().add(operator);
        });
        session.capabilities().ifPresent(c -> results.getChildren().add(rbacTable(c)));
        session.discovered().ifPresent(stack -> {
            TableView<DiscoveredPod> table = new TableView<>(FXCollections.observableArrayList(
                    stack.pods().values().stream().flatMap(List::stream).toList()));
            table.setId("discovery");
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            table.setPrefHeight(200);
            table.getColumns().add(Tables.text("Pod", DiscoveredPod::name));
            table.getColumns().add(Tables.text("Component", p -> p.component().label()));
            table.getColumns().add(Tables.text("Port", p -> Integer.toString(p.port())));
            table.getColumns().add(Tables.text("Ready", p -> p.ready() ? "yes" : "no"));
            table.getColumns().add(Tables.text("Matched rule", DiscoveredPod::rule));
            results.getChildren().add(table);
        });
    }

    /** The preflight in full: each resource, each verb allowed or denied, and what the row's permissions enable. */
    private static javafx.scene.control.TitledPane rbacTable(Capabilities capabilities) {
        List<io.promdeck.app.cluster.RbacMatrix.Row> rows = io.promdeck.app.cluster.RbacMatrix.of(capabilities);
        TableView<io.promdeck.app.cluster.RbacMatrix.Row> table = new TableView<>();
        table.setId("rbac-table");
        TableColumn<io.promdeck.app.cluster.RbacMatrix.Row, String> resource = Tables.text("Resource", io.promdeck.app.cluster.RbacMatrix.Row::resource);
        resource.setPrefWidth(230);
        table.getColumns().add(resource);
        table.getColumns().add(Tables.text("Scope", io.promdeck.app.cluster.RbacMatrix.Row::scope));
        for (String verb : io.promdeck.app.cluster.RbacMatrix.VERBS) {
            TableColumn<io.promdeck.app.cluster.RbacMatrix.Row, String> column = Tables.flagged(verb, r -> r.cell(verb),
                    r -> r.answer(verb).filter(a -> !a).isPresent(), "flag");
            column.setPrefWidth(72);
            table.getColumns().add(column);
        }
        table.getColumns().add(Tables.text("Enables", io.promdeck.app.cluster.RbacMatrix.Row::enables));
        Tables.standard(table, FXCollections.observableArrayList(rows), null);
        Tables.dense(table);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(320);
        long denied = rows.stream().filter(io.promdeck.app.cluster.RbacMatrix.Row::anyDenied).count();
        javafx.scene.control.TitledPane pane = new javafx.scene.control.TitledPane("Permissions: " + rows.size() + " resources checked, "
                + denied + " with a denied verb", table);
        pane.setId("rbac");
        pane.setAnimated(false);
        pane.setExpanded(denied > 0);
        return pane;
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    public Node root() {
        return root;
    }

    public void focusContexts() {
        contexts.requestFocus();
    }
}
