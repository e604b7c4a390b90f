package io.promdeck.ui.install;

import io.promdeck.app.install.Parameter;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The pieces every step view builds its form from: a field bound to a {@link Parameter} (id {@code wizard-<id>}),
 * its problem under it ({@code wizard-<id>-error}), rows, section titles. Labels come from the parameter.
 */
final class WizardForms {

    private final WizardFields fields;
    private final GridPane grid = new GridPane();
    private int row;

    WizardForms(WizardFields fields) {
        this.fields = fields;
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        // One label width for every form of every step, so fields line up down the page.
        labels.setMinWidth(200);
        labels.setPrefWidth(200);
        grid.getColumnConstraints().add(labels);
    }

    GridPane grid() {
        return grid;
    }

    /** A text field (or a masked one for a secret) bound to {@code p}, with its problem under it. */
    TextField text(String id, Parameter p) {
        TextField input = p.kind() == Parameter.Kind.SECRET ? new PasswordField() : new TextField();
        input.setId("wizard-" + id);
        input.textProperty().bindBidirectional(fields.text(p));
        add(p.label(), input, error(id, p));
        return input;
    }

    /** Several items, one per line (remote-write targets), with the problem of any line under it. */
    javafx.scene.control.TextArea lines(String id, Parameter p, String prompt) {
        javafx.scene.control.TextArea input = new javafx.scene.control.TextArea();
        input.setId("wizard-" + id);
        input.setPrefRowCount(3);
        input.setPrefColumnCount(48);
        input.setPromptText(prompt);
        input.textProperty().bindBidirectional(fields.text(p));
        add(p.label(), input, error(id, p));
        return input;
    }

    /** A number typed in a text field (so a wrong entry is shown, not silently corrected), with its problem. */
    TextField number(String id, Parameter p) {
        TextField input = text(id, p);
        input.setPrefColumnCount(4);
        input.setMaxWidth(90);
        return input;
    }

    CheckBox flag(String id, Parameter p, String text) {
        CheckBox box = new CheckBox(text);
        box.setId("wizard-" + id);
        box.setMnemonicParsing(false);
        box.selectedProperty().bindBidirectional(fields.flag(p));
        add("", box, null);
        return box;
    }

    /** A row of any input with a label and an optional problem under it. */
    void add(String label, Node input, Label error) {
        Label name = new Label(label);
        // A screen reader names the field after its label.
        name.setLabelFor(input);
        grid.addRow(row, name, input);
        if (input instanceof TextInputControl || input instanceof ComboBox || input instanceof Spinner) {
            if (((Region) input).getMaxWidth() == Region.USE_COMPUTED_SIZE) {
                ((Region) input).setMaxWidth(520);
            }
            GridPane.setHgrow(input, Priority.ALWAYS);
        }
        if (error != null) {
            grid.add(error, 1, row + 1);
            error.textProperty().addListener((obs, old, now) -> markInvalid(input, !now.isEmpty()));
            markInvalid(input, !error.getText().isEmpty());
            row += 2;
        } else {
            row += 1;
        }
    }

    Label error(String id, Parameter p) {
        return error("wizard-" + id + "-error", fields.problemOf(p));
    }

    static Label error(String id, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }

    static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    static Label note(String text) {
        Label note = new Label(text);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add("placeholder");
        return note;
    }

    static void show(Node node, ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    static <T extends Node> T tip(T node, String text) {
        if (node instanceof javafx.scene.control.Control control) {
            control.setTooltip(new Tooltip(text));
        }
        node.setAccessibleHelp(text);
        return node;
    }

    private static void markInvalid(Node input, boolean invalid) {
        input.getStyleClass().remove("invalid");
        if (invalid) {
            input.getStyleClass().add("invalid");
        }
    }
}
