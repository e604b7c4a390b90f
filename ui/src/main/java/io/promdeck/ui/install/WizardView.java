package io.promdeck.ui.install;

import io.promdeck.app.cluster.KubeContext;
import io.promdeck.app.install.Backend;
import io.promdeck.app.install.CheckResult;
import io.promdeck.app.install.Installation;
import io.promdeck.app.install.PlanItem;
import io.promdeck.app.install.RenderedStack;
import io.promdeck.app.install.RolloutProgress;
import io.promdeck.app.install.StorageClassInfo;
import io.promdeck.ui.common.Labels;
import io.promdeck.ui.session.SessionModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The install wizard: Target → Storage → Alerting → Images → Review → Install → Done over a {@link WizardModel}.
 * Next is bound to the step's validity; each field shows its own problem under it.
 */
public final class WizardView {

    private final BorderPane root = new BorderPane();
    private final WizardModel model;
    private final SessionModel session;
    private final Supplier<Window> owner;
    private final Runnable openOverview;
    private final Map<WizardModel.Step, Node> pages = new EnumMap<>(WizardModel.Step.class);
    private final StackPane center = new StackPane();
    private final HBox crumbs = new HBox(6);

    public WizardView(WizardModel model, SessionModel session, Supplier<Window> owner, Runnable openOverview) {
        this.model = model;
        this.session = session;
        this.owner = owner;
        this.openOverview = openOverview;
        root.getStyleClass().add("wizard");
        pages.put(WizardModel.Step.TARGET, targetPage());
        pages.put(WizardModel.Step.STORAGE, storagePage());
        pages.put(WizardModel.Step.ALERTING, alertingPage());
        pages.put(WizardModel.Step.IMAGES, imagesPage());
        pages.put(WizardModel.Step.REVIEW, reviewPage());
        pages.put(WizardModel.Step.INSTALL, installPage());
        pages.put(WizardModel.Step.DONE, donePage());
        crumbs.setId("wizard-steps");
        crumbs.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("Install the HA stack");
        title.getStyleClass().add("panel-title");
        VBox top = new VBox(6, title, crumbs);
        top.setPadding(new Insets(16, 16, 8, 16));
        root.setTop(top);
        ScrollPane scroll = new ScrollPane(center);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        center.setPadding(new Insets(8, 16, 8, 16));
        root.setCenter(scroll);
        root.setBottom(footer());
        model.stepProperty().addListener((obs, old, now) -> show(now));
        show(model.stepProperty().get());
    }

    public Node root() {
        return root;
    }

    private void show(WizardModel.Step step) {
        center.getChildren().setAll(pages.get(step));
        crumbs.getChildren().clear();
        for (WizardModel.Step s : WizardModel.Step.values()) {
            Label crumb = new Label((s.ordinal() + 1) + " " + s.title());
            crumb.getStyleClass().add(s == step ? "crumb-current" : s.ordinal() < step.ordinal() ? "crumb-done" : "crumb");
            crumbs.getChildren().add(crumb);
            if (s != WizardModel.Step.DONE) {
                crumbs.getChildren().add(new Label("›"));
            }
        }
    }

    private Node footer() {
        Button back = new Button("Back", new FontIcon(Feather.CHEVRON_LEFT));
        back.setId("wizard-back");
        back.disableProperty().bind(model.canGoBack().not());
        back.setOnAction(e -> model.back());
        Button next = new Button("Next", new FontIcon(Feather.CHEVRON_RIGHT));
        next.setId("wizard-next");
        next.setDefaultButton(true);
        next.textProperty().bind(Bindings.createStringBinding(() -> switch (model.stepProperty().get()) {
            case REVIEW -> model.upgrade() ? "Upgrade" : "Install";
            case INSTALL -> "Finish";
            default -> "Next";
        }, model.stepProperty(), model.inspectionProperty()));
        next.disableProperty().bind(model.canGoNext().not());
        next.visibleProperty().bind(model.stepProperty().isNotEqualTo(WizardModel.Step.DONE));
        next.setOnAction(e -> model.next());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        Label blocking = new Label();
        blocking.setId("wizard-blocking");
        blocking.getStyleClass().add("field-error");
        blocking.textProperty().bind(Bindings.createStringBinding(() -> {
            WizardModel.Step s = model.stepProperty().get();
            List<String> fields = WizardModel.FIELDS.getOrDefault(s, List.of());
            long count = fields.stream().filter(model.problems()::containsKey).count();
            return count == 0 ? "" : count == 1 ? "1 field needs attention" : count + " fields need attention";
        }, model.stepProperty(), model.problems()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, blocking, spacer, spinner, back, next);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(8, 16, 12, 16));
        bar.getStyleClass().add("wizard-footer");
        return bar;
    }

    // ---- Target ----

    private Node targetPage() {
        ComboBox<KubeContext> context = new ComboBox<>(session.contexts());
        context.setId("wizard-context");
        context.setPromptText("kubeconfig context");
        context.setCellFactory(l -> Labels.cell(c -> c.name() + "  ·  " + c.server()));
        context.setButtonCell(Labels.cell(c -> c.name() + "  ·  " + c.server()));
        context.valueProperty().addListener((obs, old, c) -> model.chooseContext(session.kubeconfigProperty().get(), c));

        ComboBox<String> namespace = new ComboBox<>(model.namespaces());
        namespace.setId("wizard-namespace");
        namespace.setEditable(true);
        namespace.getEditor().textProperty().bindBidirectional(model.field("namespace"));
        namespace.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                model.field("namespace").set(v);
            }
        });
        PauseTransition settle = new PauseTransition(Duration.millis(500));
        settle.setOnFinished(e -> model.inspectNamespace());
        model.field("namespace").addListener((obs, old, now) -> settle.playFromStart());

        ComboBox<String> storageClass = new ComboBox<>();
        storageClass.setId("wizard-storage-class");
        storageClass.getItems().add("");
        model.storageClasses().addListener((ListChangeListener<StorageClassInfo>) c -> {
            String keep = model.field("storageClass").get();
            storageClass.getItems().setAll("");
            model.storageClasses().forEach(s -> storageClass.getItems().add(s.name()));
            storageClass.setValue(keep);
        });
        storageClass.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                if (name == null || name.isEmpty()) {
                    return "cluster default" + model.storageClasses().stream().filter(StorageClassInfo::isDefault).findFirst()
                            .map(s -> " (" + s.name() + ")").orElse(model.storageClasses().isEmpty() ? "" : " (none marked default)");
                }
                return model.storageClasses().stream().filter(s -> s.name().equals(name)).findFirst().map(StorageClassInfo::label).orElse(name);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        storageClass.valueProperty().bindBidirectional(model.field("storageClass"));

        Label status = new Label();
        status.setId("wizard-target-status");
        status.setWrapText(true);
        status.textProperty().bind(model.targetStatusProperty());
        Label targetProblem = error("wizard-target-error", "target");
        Button uninstall = new Button("Uninstall…", new FontIcon(Feather.TRASH_2));
        uninstall.setId("wizard-uninstall");
        uninstall.visibleProperty().bind(Bindings.createBooleanBinding(model::upgrade, model.inspectionProperty()));
        uninstall.managedProperty().bind(uninstall.visibleProperty());
        uninstall.setOnAction(e -> new UninstallDialog(owner.get(), model, session.tasks()).show());

        GridPane form = form();
        int row = 0;
        row = addRow(form, row, "Context", context, null);
        row = addRow(form, row, "Namespace", namespace, error("wizard-namespace-error", "namespace"));
        row = addRow(form, row, "Instance name", text("wizard-instance", "instance"), error("wizard-instance-error", "instance"));
        row = addRow(form, row, "Cluster label", text("wizard-cluster", "cluster"), error("wizard-cluster-error", "cluster"));
        row = addRow(form, row, "StorageClass", storageClass, error("wizard-storage-class-error", "storageClass"));
        VBox page = new VBox(10, section("Where the stack goes"), form, status, targetProblem, uninstall);
        return page;
    }

    // ---- Storage ----

    private Node storagePage() {
        ToggleGroup group = new ToggleGroup();
        RadioButton bundled = backendChoice(group, "wizard-backend-bundled", Backend.THANOS_BUNDLED_S3,
                "Thanos with the bundled S3 store (SeaweedFS, one pod with a volume)");
        RadioButton existing = backendChoice(group, "wizard-backend-existing", Backend.THANOS_EXISTING_S3,
                "Thanos with an existing S3-compatible endpoint (AWS S3, MinIO, Ceph RGW…)");
        RadioButton influx = backendChoice(group, "wizard-backend-influxdb", Backend.INFLUXDB,
                "InfluxDB remote storage (Prometheus remote_write/remote_read; no Thanos)");
        group.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                model.backendProperty().set((Backend) t.getUserData());
            }
        });
        model.backendProperty().addListener((obs, old, b) -> group.getToggles().stream().filter(t -> t.getUserData() == b).findFirst()
                .ifPresent(group::selectToggle));
        group.getToggles().stream().filter(t -> t.getUserData() == model.backendProperty().get()).findFirst().ifPresent(group::selectToggle);

        GridPane sizes = textForm("Local retention", "wizard-retention", "prometheusRetention",
                "Prometheus volume", "wizard-prometheus-volume", "prometheusVolume",
                "Alertmanager volume", "wizard-alertmanager-volume", "alertmanagerVolume");
        GridPane thanos = textForm("Bucket", "wizard-bucket", "bucket",
                "Store Gateway volume", "wizard-store-volume", "thanosStoreVolume",
                "Compactor volume", "wizard-compactor-volume", "thanosCompactorVolume");
        GridPane bundledForm = textForm("S3 store volume", "wizard-object-store-volume", "objectStoreVolume");
        GridPane influxForm = textForm("InfluxDB volume", "wizard-influxdb-volume", "influxdbVolume");

        GridPane s3 = form();
        int s = 0;
        s = addRow(s3, s, "Endpoint", text("wizard-s3-endpoint", "s3Endpoint"), error("wizard-s3-endpoint-error", "s3Endpoint"));
        s = addRow(s3, s, "Region", text("wizard-s3-region", "s3Region"), null);
        TextField accessKey = new TextField();
        accessKey.setId("wizard-s3-access-key");
        accessKey.textProperty().bindBidirectional(model.s3AccessKeyProperty());
        s = addRow(s3, s, "Access key", accessKey, error("wizard-s3-access-key-error", "s3AccessKey"));
        PasswordField secretKey = new PasswordField();
        secretKey.setId("wizard-s3-secret-key");
        secretKey.textProperty().bindBidirectional(model.s3SecretKeyProperty());
        s = addRow(s3, s, "Secret key", secretKey, error("wizard-s3-secret-key-error", "s3SecretKey"));
        CheckBox insecure = new CheckBox("Plain HTTP (the endpoint has no TLS)");
        insecure.setId("wizard-s3-insecure");
        insecure.selectedProperty().bindBidirectional(model.s3InsecureProperty());
        s = addRow(s3, s, "", insecure, null);
        Button test = new Button("Test from the cluster", new FontIcon(Feather.ACTIVITY));
        test.setId("wizard-s3-test");
        test.disableProperty().bind(model.busyProperty());
        test.setOnAction(e -> model.testS3());
        Button cancelTest = new Button("Cancel test");
        cancelTest.setId("wizard-s3-test-cancel");
        cancelTest.visibleProperty().bind(model.busyProperty());
        cancelTest.setOnAction(e -> model.cancelS3Test());
        Label result = Labels.verdict("wizard-s3-test-result", model.s3TestResultProperty(), model.s3TestOkProperty());
        Label testNote = new Label("The test runs 'thanos tools bucket ls' as a short Job in the target namespace, where Thanos will "
                + "reach the endpoint from; the Job and its Secret are removed afterwards.");
        testNote.setWrapText(true);
        testNote.getStyleClass().add("placeholder");
        VBox s3Box = new VBox(8, section("Existing S3 endpoint"), s3, new HBox(8, test, cancelTest), result, testNote);

        show(s3Box, model.backendProperty().isEqualTo(Backend.THANOS_EXISTING_S3));
        VBox thanosBox = new VBox(8, section("Thanos"), thanos);
        show(thanosBox, model.backendProperty().isNotEqualTo(Backend.INFLUXDB));
        show(bundledForm, model.backendProperty().isEqualTo(Backend.THANOS_BUNDLED_S3));
        show(influxForm, model.backendProperty().isEqualTo(Backend.INFLUXDB));
        return new VBox(10, section("Long-term storage"), bundled, existing, influx, section("Retention and volumes"), sizes, bundledForm,
                influxForm, thanosBox, s3Box);
    }

    private static RadioButton backendChoice(ToggleGroup group, String id, Backend backend, String text) {
        RadioButton button = new RadioButton(text);
        button.setMnemonicParsing(false);
        button.setId(id);
        button.setUserData(backend);
        button.setToggleGroup(group);
        return button;
    }

    // ---- Alerting ----

    private Node alertingPage() {
        GridPane form = form();
        int row = 0;
        TextField webhook = text("wizard-webhook", "webhookUrl");
        webhook.setPrefColumnCount(40);
        row = addRow(form, row, "Webhook URL", webhook, error("wizard-webhook-error", "webhookUrl"));
        row = robot(form, row, "dingtalk", "Also notify a DingTalk robot (bridge: prometheus-webhook-dingtalk)", "DingTalk robot URL",
                model.dingtalkProperty(), model.dingtalkRobotUrlProperty(), "dingtalkRobotUrl");
        row = robot(form, row, "wechat", "Also notify a WeChat Work robot (needs a bridge image)", "WeChat robot URL",
                model.wechatProperty(), model.wechatRobotUrlProperty(), "wechatRobotUrl");
        TextField wechatImage = text("wizard-wechat-image", "wechatImage");
        wechatImage.disableProperty().bind(model.wechatProperty().not());
        row = addRow(form, row, "WeChat bridge image", wechatImage, error("wizard-wechat-image-error", "wechatImage"));
        Label note = new Label("Robot URLs carry their access token: they are stored in Secrets, never in the parameters, and masked "
                + "in exports.");
        note.setWrapText(true);
        note.getStyleClass().add("placeholder");
        return new VBox(10, section("Where alerts go"), form, note);
    }

    /** A robot's tick box and its (secret, masked) URL, enabled by the tick. */
    private int robot(GridPane form, int row, String name, String tick, String urlLabel, javafx.beans.property.BooleanProperty enabled,
            javafx.beans.property.StringProperty url, String field) {
        CheckBox box = new CheckBox(tick);
        box.setId("wizard-" + name);
        box.selectedProperty().bindBidirectional(enabled);
        int next = addRow(form, row, "", box, null);
        PasswordField input = new PasswordField();
        input.setId("wizard-" + name + "-url");
        input.textProperty().bindBidirectional(url);
        input.disableProperty().bind(enabled.not());
        return addRow(form, next, urlLabel, input, error("wizard-" + name + "-url-error", field));
    }

    // ---- Images ----

    private Node imagesPage() {
        GridPane form = form();
        int row = 0;
        TextField mirror = text("wizard-registry-mirror", "registryMirror");
        mirror.setPromptText("registry.corp:5000/mirror (empty: pull from the public registries)");
        mirror.setPrefColumnCount(36);
        row = addRow(form, row, "Registry mirror", mirror, error("wizard-registry-mirror-error", "registryMirror"));
        TextField secrets = new TextField();
        secrets.setId("wizard-pull-secrets");
        secrets.setPromptText("Secret names, comma-separated");
        secrets.textProperty().bindBidirectional(model.imagePullSecretsProperty());
        row = addRow(form, row, "Image pull secrets", secrets, error("wizard-pull-secrets-error", "imagePullSecrets"));
        ListView<String> images = new ListView<>(model.images());
        images.setId("wizard-images");
        images.setPrefHeight(220);
        Button copy = new Button("Copy list", new FontIcon(Feather.COPY));
        copy.setId("wizard-images-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(String.join("\n", model.images()) + "\n");
            Clipboard.getSystemClipboard().setContent(content);
        });
        Label note = new Label("For an air-gapped cluster, copy these images into the mirror (with the mirror prefix shown) before "
                + "installing.");
        note.setWrapText(true);
        note.getStyleClass().add("placeholder");
        return new VBox(10, section("Images"), form, section("Images the stack runs"), images, new HBox(8, copy), note);
    }

    // ---- Review ----

    private Node reviewPage() {
        Label summary = Labels.bound("wizard-plan-summary", model.planSummaryProperty(), false);
        Label reviewError = Labels.bound("wizard-review-error", model.reviewErrorProperty(), true);

        ListView<CheckResult> checks = new ListView<>(model.checks());
        checks.setId("wizard-checks");
        checks.setPrefHeight(200);
        checks.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CheckResult c, boolean empty) {
                super.updateItem(c, empty);
                getStyleClass().removeAll("check-failed", "check-skipped");
                if (empty || c == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(c.name() + " — " + c.detail());
                setGraphic(new FontIcon(switch (c.status()) {
                    case PASSED -> Feather.CHECK;
                    case FAILED -> Feather.X;
                    case SKIPPED -> Feather.MINUS;
                }));
                if (c.status() != CheckResult.Status.PASSED) {
                    getStyleClass().add(c.failed() ? "check-failed" : "check-skipped");
                }
            }
        });

        CheckBox unchanged = new CheckBox("Show unchanged objects");
        unchanged.setId("wizard-plan-unchanged");
        ListView<PlanItem> plan = new ListView<>();
        plan.setId("wizard-plan");
        Runnable fillPlan = () -> plan.getItems().setAll(unchanged.isSelected() ? model.plan() : model.changes());
        model.plan().addListener((ListChangeListener<PlanItem>) c -> fillPlan.run());
        unchanged.selectedProperty().addListener((obs, old, now) -> fillPlan.run());
        plan.setCellFactory(l -> Labels.cell((PlanItem item) -> item.action().name().toLowerCase(java.util.Locale.ROOT) + "  " + item.id()
                + (item.changedFields().isEmpty() ? "" : "  (" + String.join(", ", item.changedFields()) + ")")));

        ListView<String> components = new ListView<>();
        components.setId("wizard-components");
        components.setPrefWidth(180);
        TextArea yaml = new TextArea();
        yaml.setId("wizard-yaml");
        yaml.setEditable(false);
        yaml.getStyleClass().add("monospace");
        model.renderedProperty().addListener((obs, old, stack) -> {
            components.getItems().setAll(stack == null ? List.of() : stack.components());
            yaml.clear();
            if (stack != null && !stack.components().isEmpty()) {
                components.getSelectionModel().selectFirst();
            }
        });
        components.getSelectionModel().selectedItemProperty().addListener((obs, old, c) -> {
            RenderedStack stack = model.renderedProperty().get();
            yaml.setText(c == null || stack == null ? "" : stack.yaml(c));
        });
        SplitPane viewer = new SplitPane(components, yaml);
        viewer.setDividerPositions(0.2);
        viewer.setPrefHeight(260);

        TextField folder = new TextField();
        folder.setId("wizard-export-folder");
        folder.setPromptText("folder to write the manifests to");
        folder.setPrefColumnCount(36);
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export the manifests to");
            java.io.File picked = chooser.showDialog(owner.get());
            if (picked != null) {
                folder.setText(picked.getAbsolutePath());
            }
        });
        CheckBox secrets = new CheckBox("Include secret values");
        secrets.setId("wizard-export-secrets");
        Button export = new Button("Export", new FontIcon(Feather.DOWNLOAD));
        export.setId("wizard-export");
        export.disableProperty().bind(model.renderedProperty().isNull().or(folder.textProperty().isEmpty()));
        Label exported = new Label();
        exported.setId("wizard-export-result");
        exported.setWrapText(true);
        model.renderedProperty().addListener((obs, old, now) -> exported.setText(""));
        export.setOnAction(e -> ExportAction.run(session.tasks(), model.renderedProperty().get(), folder.getText().strip(), secrets.isSelected(),
                exported::setText));

        VBox page = new VBox(8, section("Checks"), reviewError, checks, section("Plan"), summary, unchanged, plan, section("Manifests"),
                viewer, new HBox(8, folder, choose, secrets, export), exported);
        VBox.setVgrow(plan, Priority.ALWAYS);
        plan.setPrefHeight(200);
        return page;
    }

    // ---- Install ----

    private Node installPage() {
        VBox rows = new VBox(6);
        rows.setId("wizard-workloads");
        model.workloads().addListener((ListChangeListener<RolloutProgress.Workload>) c -> {
            rows.getChildren().clear();
            for (RolloutProgress.Workload w : model.workloads()) {
                Label name = new Label(w.kind() + "/" + w.name());
                name.setMinWidth(260);
                ProgressBar bar = new ProgressBar(w.desired() == 0 ? 0 : (double) w.ready() / w.desired());
                bar.setId("wizard-progress-" + w.name());
                bar.setPrefWidth(260);
                Label count = new Label(w.ready() + "/" + w.desired() + (w.done() ? "  ready" : ""));
                HBox row = new HBox(10, name, bar, count);
                row.setAlignment(Pos.CENTER_LEFT);
                rows.getChildren().add(row);
            }
        });
        ListView<String> problems = new ListView<>(model.rolloutProblems());
        problems.setId("wizard-rollout-problems");
        problems.setPrefHeight(170);
        problems.setCellFactory(l -> wrapping("problem"));
        ListView<String> events = new ListView<>(model.events());
        events.setId("wizard-events");
        events.setPrefHeight(150);
        ListView<String> log = new ListView<>(model.installLog());
        log.setId("wizard-install-log");
        log.setPrefHeight(140);
        model.installLog().addListener((ListChangeListener<String>) c -> log.scrollTo(model.installLog().size() - 1));
        Button cancel = new Button("Cancel", new FontIcon(Feather.X_CIRCLE));
        cancel.setId("wizard-cancel");
        cancel.disableProperty().bind(model.busyProperty().not());
        cancel.setOnAction(e -> model.cancelInstall());
        Button retry = new Button("Review and run again", new FontIcon(Feather.ROTATE_CW));
        retry.setId("wizard-retry");
        retry.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.endingProperty().get() != null
                && model.endingProperty().get() != Installation.Ending.READY, model.endingProperty()));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> model.retry());
        Label ending = new Label();
        ending.setId("wizard-ending");
        ending.textProperty().bind(Bindings.createStringBinding(() -> {
            Installation.Ending end = model.endingProperty().get();
            if (end == null) {
                return model.busyProperty().get() ? "Installing…" : "";
            }
            return switch (end) {
                case READY -> "Every workload is ready.";
                case CANCELLED -> "Cancelled. What was applied stays; the parameters are stored in the cluster, so the wizard can resume "
                        + "from any workstation.";
                case FAILED_TO_APPLY -> "Some objects were refused; see the log. Fix the cause and run again.";
                case TIMED_OUT -> "Not every workload became ready in time; the problems above say why.";
                case NOT_RELOADED -> "Applied, but the new configuration is not running on every replica after the reload; the log says "
                        + "which and why. The Config panel can roll it back.";
            };
        }, model.endingProperty(), model.busyProperty()));
        ending.setWrapText(true);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        retry.setMinWidth(Region.USE_PREF_SIZE);
        return new VBox(8, section("Workloads"), rows, section("Problems"), problems, section("Events"), events, section("Log"), log,
                new HBox(10, cancel, retry), ending);
    }

    private static ListCell<String> wrapping(String styleClass) {
        ListCell<String> cell = new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        cell.setWrapText(true);
        cell.setPrefWidth(0);
        cell.getStyleClass().add(styleClass);
        return cell;
    }

    // ---- Done ----

    private Node donePage() {
        Label done = new Label();
        done.setId("wizard-done");
        done.setWrapText(true);
        done.textProperty().bind(Bindings.createStringBinding(() -> "The stack runs in " + model.field("namespace").get()
                + ". Send a test alert to check that notifications reach the webhook, then open the panels.", model.field("namespace")));
        Button send = new Button("Send test alert", new FontIcon(Feather.SEND));
        send.setId("wizard-test-alert");
        send.disableProperty().bind(model.busyProperty());
        send.setOnAction(e -> model.sendTestAlert());
        Label result = Labels.verdict("wizard-test-alert-result", model.testAlertResultProperty(), model.testAlertOkProperty());
        Button overview = new Button("Open the Overview", new FontIcon(Feather.HOME));
        overview.setId("wizard-open-overview");
        overview.setOnAction(e -> openOverview.run());
        Button again = new Button("Run the wizard again (upgrade)", new FontIcon(Feather.ROTATE_CCW));
        again.setId("wizard-restart");
        again.setOnAction(e -> model.restart());
        return new VBox(12, section("Installed"), done, send, result, new HBox(10, overview, again));
    }

    // ---- helpers ----

    private TextField text(String id, String field) {
        TextField input = new TextField();
        input.setId(id);
        input.textProperty().bindBidirectional(model.field(field));
        return input;
    }

    private Label error(String id, String field) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.textProperty().bind(model.problemOf(field));
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }

    /** A form of text fields, one per (label, id, parameter) triple, each with its error label ({@code id-error}) under it. */
    private GridPane textForm(String... triples) {
        GridPane form = form();
        int row = 0;
        for (int i = 0; i < triples.length; i += 3) {
            row = addRow(form, row, triples[i], text(triples[i + 1], triples[i + 2]), error(triples[i + 1] + "-error", triples[i + 2]));
        }
        return form;
    }

    private static GridPane form() {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(4);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(170);
        form.getColumnConstraints().add(labels);
        return form;
    }

    private static int addRow(GridPane form, int row, String label, Node input, Label error) {
        form.addRow(row, new Label(label), input);
        if (input instanceof TextInputControl || input instanceof ComboBox) {
            ((Region) input).setMaxWidth(520);
            GridPane.setHgrow(input, Priority.ALWAYS);
        }
        if (error != null) {
            form.add(error, 1, row + 1);
            error.textProperty().addListener((obs, old, now) -> markInvalid(input, !now.isEmpty()));
            markInvalid(input, !error.getText().isEmpty());
            return row + 2;
        }
        return row + 1;
    }

    private static void markInvalid(Node input, boolean invalid) {
        input.getStyleClass().remove("invalid");
        if (invalid) {
            input.getStyleClass().add("invalid");
        }
    }

    private static void show(Node node, javafx.beans.value.ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }
}
