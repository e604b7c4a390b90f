package io.promdeck.ui.config;

import io.promdeck.app.config.ConfigDiff;
import io.promdeck.app.config.ConfigKind;
import io.promdeck.app.config.ConfigProblem;
import io.promdeck.app.config.ConfigUnit;
import io.promdeck.ui.common.Tables;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Config panel: which configuration, each replica's loaded state against its source, a YAML editor (RichTextFX,
 * line numbers, highlighting, problem lines marked), the problems, the diff against the source, Apply / Roll back
 * with each replica's progress, and for Alertmanager the routing test.
 */
public final class ConfigView {

    private static final Pattern YAML = Pattern.compile("(?<COMMENT>#[^\\n]*)|(?<KEY>^[ \\t-]*[A-Za-z0-9_.\\-/]+(?=\\s*:))"
            + "|(?<STRING>\"(?:[^\"\\\\\\n]|\\\\.)*\"|'[^'\\n]*')|(?<NUMBER>\\b\\d+(?:\\.\\d+)?[smhdwy]?\\b)", Pattern.MULTILINE);

    private final VBox root = new VBox(8);
    private final CodeArea editor = new CodeArea();
    private final ConfigViewModel model;
    private boolean syncing;

    public ConfigView(ConfigViewModel model) {
        this.model = model;
        Label title = new Label("Configuration");
        title.getStyleClass().add("panel-title");
        ComboBox<ConfigUnit> unit = new ComboBox<>(model.units());
        unit.setId("config-unit");
        unit.setAccessibleText("Configuration to edit");
        unit.setPrefWidth(420);
        unit.setConverter(new StringConverter<>() {
            @Override
            public String toString(ConfigUnit u) {
                return u == null ? "" : u.title();
            }

            @Override
            public ConfigUnit fromString(String s) {
                return null;
            }
        });
        unit.valueProperty().bindBidirectional(model.unitProperty());
        Button refresh = new Button("Read again", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("config-refresh");
        refresh.setOnAction(e -> model.refresh());
        refresh.disableProperty().bind(model.busyProperty());
        // What each replica loaded is as of the last read, not live: its age is shown and kept current.
        Label age = new Label();
        age.setId("config-read-age");
        age.getStyleClass().add("section-title");
        javafx.animation.Timeline tick = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1),
                e -> age.setText(model.readAge(java.time.Instant.now()))));
        tick.setCycleCount(javafx.animation.Animation.INDEFINITE);
        tick.play();
        model.readingProperty().addListener((obs, old, now) -> age.setText(model.readAge(java.time.Instant.now())));
        HBox header = new HBox(12, title, unit, refresh, age);
        header.getStyleClass().add("panel-header");

        Label status = new Label();
        status.setId("config-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        TableView<ConfigReplicaRow> replicas = new TableView<>(model.replicas());
        replicas.setId("config-replicas");
        replicas.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        replicas.setPlaceholder(new Label("No replica loads this configuration."));
        replicas.getColumns().add(Tables.text("Replica", ConfigReplicaRow::endpoint));
        replicas.getColumns().add(Tables.text("Source", ConfigReplicaRow::source));
        replicas.getColumns().add(Tables.flagged("Loaded", ConfigReplicaRow::loaded, ConfigReplicaRow::differs, "flag"));
        replicas.getColumns().add(Tables.flagged("Apply", ConfigReplicaRow::step, ConfigReplicaRow::failed, "flag"));
        replicas.getColumns().add(Tables.text("Took", ConfigReplicaRow::elapsed));
        replicas.getColumns().add(Tables.text("Reloads", ConfigReplicaRow::reloads));
        replicas.getColumns().add(Tables.flagged("Message", ConfigReplicaRow::message, ConfigReplicaRow::failed, "flag"));
        replicas.getColumns().get(0).setPrefWidth(150);
        replicas.getColumns().get(1).setPrefWidth(260);
        replicas.getColumns().get(2).setPrefWidth(230);
        replicas.getColumns().get(3).setPrefWidth(130);
        replicas.getColumns().get(4).setPrefWidth(60);
        replicas.getColumns().get(5).setPrefWidth(60);
        replicas.setPrefHeight(130);
        replicas.setMinHeight(100);

        Button validate = new Button("Validate", new FontIcon(Feather.CHECK_SQUARE));
        validate.setId("config-validate");
        validate.setOnAction(e -> model.validate());
        Button apply = new Button("Apply and reload", new FontIcon(Feather.UPLOAD));
        apply.setId("config-apply");
        apply.getStyleClass().add("accent");
        apply.setOnAction(e -> model.apply());
        Button revert = new Button("Revert edit", new FontIcon(Feather.CORNER_UP_LEFT));
        revert.setId("config-revert");
        revert.setOnAction(e -> model.revert());
        Button rollback = new Button("Roll back", new FontIcon(Feather.ROTATE_CCW));
        rollback.setId("config-rollback");
        rollback.setOnAction(e -> model.rollback());
        CheckBox override = new CheckBox("Apply even though it breaks HA");
        override.setId("config-override-ha");
        override.selectedProperty().bindBidirectional(model.overrideHaProperty());
        override.visibleProperty().bind(model.haProblemsProperty());
        override.managedProperty().bind(override.visibleProperty());
        validate.disableProperty().bind(model.busyProperty().or(model.readingProperty().isNull()));
        apply.disableProperty().bind(model.busyProperty().or(model.readingProperty().isNull()));
        revert.disableProperty().bind(model.busyProperty().or(model.readingProperty().isNull()));
        rollback.disableProperty().bind(model.busyProperty().or(model.canRollBackProperty().not()));
        Label checked = new Label();
        checked.setId("config-checked");
        checked.textProperty().bind(model.checkedProperty());
        HBox actions = new HBox(8, validate, apply, revert, rollback, override, checked);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label outcome = new Label();
        outcome.setId("config-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcomeProperty());
        io.promdeck.ui.common.Follow.value(model.outcomeFailedProperty(), failed -> style(outcome, Boolean.TRUE.equals(failed)));

        editor.setId("config-editor");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.getStyleClass().add("config-editor");
        editor.textProperty().addListener((obs, old, now) -> {
            if (!syncing) {
                syncing = true;
                model.editedProperty().set(now);
                syncing = false;
            }
            highlight();
        });
        io.promdeck.ui.common.Follow.value(model.editedProperty(), now -> {
            if (!syncing && now != null && !now.equals(editor.getText())) {
                syncing = true;
                editor.replaceText(now);
                editor.moveTo(0);
                editor.showParagraphAtTop(0);
                syncing = false;
            }
        });
        model.problems().addListener((ListChangeListener<ConfigProblem>) c -> highlight());
        VirtualizedScrollPane<CodeArea> editorPane = new VirtualizedScrollPane<>(editor);

        ListView<ConfigProblem> problems = new ListView<>(model.problems());
        problems.setId("config-problems");
        problems.setPlaceholder(new Label("Validate to run the checks:\nYAML, structure, PromQL, receivers,\nthe HA invariants, promtool/amtool."));
        problems.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConfigProblem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("problem-error", "problem-ha", "problem-warning");
                if (empty || p == null) {
                    setText(null);
                    return;
                }
                setText((p.severity() == ConfigProblem.Severity.ERROR ? "✗ " : p.severity() == ConfigProblem.Severity.HA ? "⚠ HA: " : "• ")
                        + p.located() + (p.check().isEmpty() ? "" : "  [" + p.check() + "]"));
                setWrapText(true);
                setPrefWidth(0);
                getStyleClass().add("problem-" + p.severity().name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        problems.getSelectionModel().selectedItemProperty().addListener((obs, old, p) -> {
            if (p != null && p.line() > 0 && p.line() <= editor.getParagraphs().size()) {
                editor.moveTo(p.line() - 1, 0);
                editor.requestFollowCaret();
            }
        });
        SplitPane editing = new SplitPane(editorPane, problems);
        editing.setDividerPositions(0.68);

        ListView<ConfigDiff.Line> diff = new ListView<>(model.diff());
        diff.setId("config-diff");
        diff.getStyleClass().add("diff");
        diff.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConfigDiff.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                String sign = switch (line.kind()) {
                    case ADDED -> "+";
                    case REMOVED -> "−";
                    case SAME -> " ";
                };
                setText(String.format("%4s %4s %s %s", line.oldNumber() == 0 ? "" : line.oldNumber(), line.newNumber() == 0 ? "" : line.newNumber(),
                        sign, line.text()));
                if (line.kind() != ConfigDiff.Line.Kind.SAME) {
                    getStyleClass().add(line.kind() == ConfigDiff.Line.Kind.ADDED ? "diff-added" : "diff-removed");
                }
            }
        });
        Label diffSummary = new Label();
        diffSummary.setId("config-diff-summary");
        diffSummary.textProperty().bind(model.diffSummaryProperty());
        VBox diffBox = new VBox(6, diffSummary, diff);
        VBox.setVgrow(diff, Priority.ALWAYS);

        TabPane tabs = new TabPane();
        tabs.setId("config-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab editTab = new Tab("Edit", editing);
        editTab.setId("config-tab-edit");
        Tab diffTab = new Tab("Diff", diffBox);
        diffTab.setId("config-tab-diff");
        diffTab.textProperty().bind(Bindings.createStringBinding(() -> model.diffSummaryProperty().get().startsWith("+")
                ? "Diff (" + model.diffSummaryProperty().get().replaceAll(" lines.*", "") + ")" : "Diff", model.diffSummaryProperty()));
        Tab routingTab = new Tab("Routing test", routing());
        routingTab.setId("config-tab-routing");
        tabs.getTabs().addAll(editTab, diffTab);
        io.promdeck.ui.common.Follow.value(model.unitProperty(), now -> {
            boolean am = now != null && now.kind() == ConfigKind.ALERTMANAGER;
            if (am && !tabs.getTabs().contains(routingTab)) {
                tabs.getTabs().add(routingTab);
            } else if (!am) {
                tabs.getTabs().remove(routingTab);
            }
        });

        SplitPane body = new SplitPane(replicas, tabs);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.22);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(header, status, actions, outcome, body);
        root.setPadding(new Insets(12));
    }

    private Node routing() {
        TextField labels = new TextField();
        labels.setId("routing-labels");
        labels.setPromptText("alertname=Watchdog severity=critical");
        labels.textProperty().bindBidirectional(model.routing().labelsProperty());
        labels.setOnAction(e -> model.testRouting());
        HBox.setHgrow(labels, Priority.ALWAYS);
        Button test = new Button("Where does it go?", new FontIcon(Feather.GIT_BRANCH));
        test.setId("routing-test");
        test.setOnAction(e -> model.testRouting());
        Label error = new Label();
        error.setId("routing-error");
        error.getStyleClass().add("field-error");
        error.textProperty().bind(model.routing().errorProperty());
        ListView<String> routes = new ListView<>(model.routing().routes());
        routes.setId("routing-result");
        routes.setPlaceholder(new Label("Type an alert's labels: the receivers it would reach, in the order Alertmanager notifies them,\n"
                + "with the routes it passes (evaluated on the edited configuration, as amtool config routes test does)."));
        VBox box = new VBox(8, new HBox(8, labels, test), error, routes);
        VBox.setVgrow(routes, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private static void style(Label outcome, boolean failed) {
        outcome.getStyleClass().removeAll("health-ok", "problem");
        outcome.getStyleClass().add(failed ? "problem" : "health-ok");
    }

    /** YAML colours, and the lines with a problem marked (their paragraphs get "error-line"). */
    private void highlight() {
        String text = editor.getText();
        if (text.length() < 400_000) {
            editor.setStyleSpans(0, spans(text));
        }
        Set<Integer> marked = new HashSet<>();
        for (ConfigProblem p : model.problems()) {
            if (p.line() > 0 && p.line() <= editor.getParagraphs().size()) {
                marked.add(p.line() - 1);
            }
        }
        for (int i = 0; i < editor.getParagraphs().size(); i++) {
            Collection<String> style = marked.contains(i) ? List.of("error-line") : Collections.emptyList();
            if (!editor.getParagraph(i).getParagraphStyle().equals(style)) {
                editor.setParagraphStyle(i, style);
            }
        }
    }

    static StyleSpans<Collection<String>> spans(String text) {
        Matcher m = YAML.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = m.group("COMMENT") != null ? "yaml-comment" : m.group("KEY") != null ? "yaml-key"
                    : m.group("STRING") != null ? "yaml-string" : "yaml-number";
            spans.add(Collections.emptyList(), m.start() - last);
            spans.add(Collections.singleton(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }

    /** The editor, for tests that type into it. */
    public CodeArea editor() {
        return editor;
    }

    public VBox root() {
        return root;
    }
}
