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
            }
        });
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

        VBox clusterPane = new VBox(8, title("Kubernetes contexts"), contexts, new HBox(8, new Label("Namespace"), namespace, connect),
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
            model.connect(selected.name(), namespace.getText().isBlank() ? selected.namespace() : namespace.getText().strip());
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
        session.transport().ifPresent(t -> results.getChildren().add(new Label("Transport: "
                + t.mode().map(Enum::name).orElse("none") + " — " + t.reason())));
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
