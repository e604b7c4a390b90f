package io.promdeck.ui.alerts;

import io.promdeck.ui.common.Formats;
import io.promdeck.ui.common.Tables;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The alerts panel: deduplicated alerts, a matcher-syntax filter, counts, details and "Silence…". */
public final class AlertsView {

    private final VBox root = new VBox(8);
    private final TextField filter = new TextField();

    public AlertsView(AlertsViewModel model, Consumer<String> silence, java.util.function.Supplier<javafx.stage.Window> owner) {
        Label title = new Label("Alerts");
        title.getStyleClass().add("panel-title");
        filter.setId("alerts-filter");
        filter.setPromptText("Filter: {severity=\"critical\", alertname=~\"Disk.*\"}");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setAccessibleText("Alert filter in matcher syntax");
        // ControlsFX completes label names and values from the alerts shown (the provider runs off the FX thread).
        org.controlsfx.control.textfield.TextFields.bindAutoCompletion(filter, request -> model.suggestions(request.getUserText()));
        HBox.setHgrow(filter, Priority.ALWAYS);
        Label filterError = new Label();
        filterError.setId("alerts-filter-error");
        filterError.getStyleClass().add("field-error");
        filterError.textProperty().bind(model.filterErrorProperty());
        Label counts = new Label();
        counts.setId("alerts-counts");
        counts.textProperty().bind(model.countsProperty());

        TableView<AlertRow> table = new TableView<>(model.rows());
        table.setId("alerts-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.setId("alerts-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.placeholderProperty());
        table.setPlaceholder(placeholder);
        Label coverage = new Label();
        coverage.setId("alerts-coverage");
        coverage.setWrapText(true);
        coverage.getStyleClass().add("coverage-warning");
        io.promdeck.ui.common.Follow.value(model.coverageProperty(), c -> {
            boolean show = c != null && c.known() && c.kind() != io.promdeck.app.live.Coverage.Kind.COMPLETE;
            coverage.setText(show ? AlertsViewModel.capitalize(c.sentence()) + "." : "");
            coverage.setVisible(show);
            coverage.setManaged(show);
        });
        javafx.scene.control.Hyperlink unreadable = io.promdeck.ui.common.UnreadableItems.link("alerts-unreadable", "alert",
                model.unreadable(), owner);
        table.getColumns().add(Tables.text("Alert", AlertRow::name));
        table.getColumns().add(Tables.text("Severity", AlertRow::severity));
        table.getColumns().add(Tables.text("State", AlertRow::state));
        table.getColumns().add(Tables.text("Held by", AlertRow::held));
        // Sorted by the instant, shown as a time.
        table.getColumns().add(Tables.keyed("Since", AlertRow::since, r -> Formats.time(r.since())));
        table.getColumns().add(Tables.text("Receivers", AlertRow::receivers));
        table.getColumns().add(Tables.text("Labels", AlertRow::labels));
        table.getColumns().get(0).setPrefWidth(170);
        Tables.rows(table, row -> {
            java.util.List<String> classes = new java.util.ArrayList<>(2);
            if (!row.severity().isEmpty()) {
                classes.add("severity-" + row.severity().toLowerCase(java.util.Locale.ROOT));
            }
            if (!row.state().equals("active")) {
                classes.add("state-suppressed");
            }
            if (model.coverageProperty().get() != null && model.coverageProperty().get().kind() == io.promdeck.app.live.Coverage.Kind.STALE) {
                classes.add("old-values");
            }
            return classes;
        }, null);
        TextArea details = new TextArea();
        details.setId("alert-details");
        details.setAccessibleText("The selected alert in full");
        details.setEditable(false);
        details.setWrapText(true);
        Button silenceButton = new Button("Silence…", new FontIcon(Feather.BELL_OFF));
        silenceButton.setId("alert-silence");
        silenceButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        silenceButton.setOnAction(e -> silence.accept(AlertsViewModel.silenceMatchersFor(table.getSelectionModel().getSelectedItem())));
        javafx.scene.layout.FlowPane chips = new javafx.scene.layout.FlowPane(4, 4);
        chips.setId("alert-chips");
        javafx.scene.layout.VBox links = new javafx.scene.layout.VBox(2);
        links.setId("alert-links");
        // A refresh re-selects the same alert as a new row: its chips and links are rebuilt only when they change, so a
        // click on one is never lost to a refresh that replaced the button under the pointer.
        java.util.concurrent.atomic.AtomicReference<AlertRow> shown = new java.util.concurrent.atomic.AtomicReference<>();
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                details.setText(describe(row));
                AlertRow before = shown.getAndSet(row);
                if (before == null || !before.labelMap().equals(row.labelMap())) {
                    chips.getChildren().setAll(chips(row, model));
                }
                if (before == null || !before.alert().alert().annotations().equals(row.alert().alert().annotations())
                        || !java.util.Objects.equals(before.alert().alert().generatorUrl(), row.alert().alert().generatorUrl())) {
                    links.getChildren().setAll(links(row));
                }
            }
        });
        javafx.scene.control.MenuItem silenceItem = new javafx.scene.control.MenuItem("Silence…");
        silenceItem.setId("alerts-menu-silence");
        silenceItem.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        silenceItem.setOnAction(e -> silenceButton.fire());
        Tables.standard(table, model.rows(), null, silenceItem);
        Tables.dense(table);
        // The alert's name and times in full: the constrained table gives what is left to the labels.
        table.getColumns().get(0).setMinWidth(165);
        table.getColumns().stream().filter(c -> c.getText().equals("Since")).findFirst().ifPresent(c -> c.setMinWidth(150));
        table.getColumns().stream().filter(c -> c.getText().equals("Receivers")).findFirst().ifPresent(c -> c.setMinWidth(115));
        Tables.keepSelection(table, r -> r.alert().alert().fingerprint());
        Label chipsTitle = new Label("Labels (click to filter)");
        chipsTitle.getStyleClass().add("section-title");
        VBox detailPane = new VBox(6, silenceButton, chipsTitle, chips, links, details);
        VBox.setVgrow(details, Priority.ALWAYS);
        javafx.scene.control.ListView<String> groups = new javafx.scene.control.ListView<>(model.groups());
        groups.setId("alert-groups");
        groups.setPlaceholder(new Label("—"));
        groups.setAccessibleText("Alert groups");
        groups.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            private final Label arrow = new Label();

            {
                arrow.getStyleClass().add("group-arrow");
                // The arrow collapses or expands its group, as a group header does in Karma.
                arrow.setOnMouseClicked(e -> {
                    if (getItem() != null) {
                        model.toggleCollapsed(getItem());
                        updateItem(getItem(), false);
                        e.consume();
                    }
                });
            }

            @Override
            protected void updateItem(String group, boolean empty) {
                super.updateItem(group, empty);
                if (empty || group == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    arrow.setText(model.isCollapsed(group) ? "▸" : "▾");
                    arrow.setId("group-arrow-" + group);
                    setText(group);
                    setGraphic(arrow);
                }
            }
        });
        groups.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && groups.getSelectionModel().getSelectedItem() != null) {
                model.showGroup(groups.getSelectionModel().getSelectedItem());
            }
        });
        // Space collapses or expands the selected group, Enter narrows the filter to it.
        groups.setOnKeyPressed(e -> {
            String group = groups.getSelectionModel().getSelectedItem();
            if (group != null && e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                model.toggleCollapsed(group);
                groups.refresh();
                e.consume();
            } else if (group != null && e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                model.showGroup(group);
                e.consume();
            }
        });
        javafx.scene.control.Button collapseAll = groupsButton("alerts-collapse-all", org.kordamp.ikonli.feather.Feather.CHEVRONS_UP,
                "Collapse every group", () -> model.collapseAll(true), groups);
        javafx.scene.control.Button expandAll = groupsButton("alerts-expand-all", org.kordamp.ikonli.feather.Feather.CHEVRONS_DOWN,
                "Expand every group", () -> model.collapseAll(false), groups);
        Label groupsTitle = new Label("Groups");
        groupsTitle.setTooltip(Tables.tooltip("The arrow (or Space) collapses a group; a double-click (or Enter) filters to it"));
        groupsTitle.getStyleClass().add("section-title");
        javafx.scene.control.ComboBox<String> groupBy = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(AlertGroups.CHOICES));
        groupBy.setId("alerts-group-by");
        groupBy.setEditable(true);
        groupBy.setMaxWidth(Double.MAX_VALUE);
        groupBy.setTooltip(Tables.tooltip("Group by one label or several (comma-separated), or by receiver"));
        groupBy.setAccessibleText("Group alerts by");
        groupBy.valueProperty().bindBidirectional(model.groupByProperty());
        HBox groupsHeader = new HBox(6, groupsTitle, new javafx.scene.layout.Region(), collapseAll, expandAll);
        HBox.setHgrow(groupsHeader.getChildren().get(1), Priority.ALWAYS);
        groupsHeader.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox groupPane = new VBox(6, groupsHeader, groupBy, groups);
        VBox.setVgrow(groups, Priority.ALWAYS);
        SplitPane split = new SplitPane(groupPane, table, detailPane);
        split.setDividerPositions(0.17, 0.76);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren().addAll(new HBox(12, title, filter), filterError, coverage, new HBox(12, counts, unreadable), split);
        root.setPadding(new Insets(12));
    }

    /** One button per label, "severity=critical": a click narrows the filter to it. */
    static java.util.List<Node> chips(AlertRow row, AlertsViewModel model) {
        java.util.List<Node> chips = new java.util.ArrayList<>();
        row.labelMap().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Button chip = new Button(e.getKey() + "=" + e.getValue());
            chip.setMnemonicParsing(false);
            chip.getStyleClass().addAll("label-chip", "small");
            chip.setId("chip-" + e.getKey());
            chip.setTooltip(Tables.tooltip("Show only alerts with " + e.getKey() + "=\"" + e.getValue() + "\""));
            chip.setOnAction(ev -> model.addToFilter(e.getKey(), e.getValue()));
            chips.add(chip);
        });
        return chips;
    }

    /** The alert's links (runbook, dashboard, the rule's graph) opened in the browser. */
    static java.util.List<Node> links(AlertRow row) {
        java.util.List<Node> links = new java.util.ArrayList<>();
        var a = row.alert().alert();
        a.annotations().entrySet().stream().filter(e -> io.promdeck.ui.common.Browser.isLink(e.getValue()))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> links.add(link("alert-link-" + e.getKey(), e.getKey(), e.getValue())));
        if (io.promdeck.ui.common.Browser.isLink(a.generatorUrl())) {
            links.add(link("alert-link-generator", "the rule in Prometheus", a.generatorUrl()));
        }
        return links;
    }

    private static javafx.scene.control.Hyperlink link(String id, String name, String url) {
        javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink("Open " + name);
        link.setId(id);
        link.setMnemonicParsing(false);
        link.setTooltip(Tables.tooltip(url));
        link.setOnAction(e -> io.promdeck.ui.common.Browser.open(url));
        return link;
    }

    static String describe(AlertRow row) {
        var a = row.alert().alert();
        return "Labels:\n" + lines(a.labels()) + "\nAnnotations:\n" + lines(a.annotations())
                + "\nGenerator: " + a.generatorUrl() + "\nState: " + row.state()
                + (a.silencedBy().isEmpty() ? "" : "\nSilenced by: " + String.join(", ", a.silencedBy()))
                + (a.inhibitedBy().isEmpty() ? "" : "\nInhibited by: " + String.join(", ", a.inhibitedBy()))
                + "\nHeld by peers: " + String.join(", ", row.alert().peers())
                + (row.alert().statesAgree() ? "" : "\n(peers disagree about its state: a silence may still be gossiping)");
    }

    private static String lines(Map<String, String> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> "  " + e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n")) + "\n";
    }

    public Node root() {
        return root;
    }

    /** For the search shortcut. */
    public void focusFilter() {
        filter.requestFocus();
    }

    /** An icon button acting on every group, named and explained. */
    private static javafx.scene.control.Button groupsButton(String id, org.kordamp.ikonli.Ikon icon, String does, Runnable action,
            javafx.scene.control.ListView<String> groups) {
        javafx.scene.control.Button button = new javafx.scene.control.Button(null, new org.kordamp.ikonli.javafx.FontIcon(icon));
        button.setId(id);
        button.setTooltip(Tables.tooltip(does));
        button.setAccessibleText(does);
        button.setOnAction(e -> {
            action.run();
            groups.refresh();
        });
        return button;
    }
}
