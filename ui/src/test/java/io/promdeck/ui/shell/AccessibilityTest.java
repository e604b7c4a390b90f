package io.promdeck.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.Await;
import io.promdeck.ui.testing.ConsoleFixture;
import io.promdeck.ui.testing.Fx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Every panel's controls can be told apart without seeing them: a button without text has a tooltip and an accessible
 * name, a field or list box has a label pointing at it, an accessible name or a prompt.
 */
class AccessibilityTest {

    private final FxRobot robot = new FxRobot();

    @Test
    void everyControlOfEveryPanelIsNamed() throws Exception {
        try (ConsoleFixture console = ConsoleFixture.start(null)) {
            Await.until(Duration.ofSeconds(10), "the window", () -> robot.lookup("#nav-overview").tryQuery().isPresent());
            List<String> unnamed = new ArrayList<>();
            for (String panel : List.of("overview", "prometheus", "alertmanager", "thanos", "alerts", "silences", "events", "logs", "config",
                    "audit", "install", "connect")) {
                robot.clickOn("#nav-" + panel);
                unnamed.addAll(Fx.get(() -> unnamed(console.stage().getScene().getRoot(), panel)));
            }
            assertThat(unnamed).as("controls without a name a screen reader or a tooltip could give").isEmpty();
        }
    }

    private static List<String> unnamed(Parent root, String panel) {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        List<Label> labels = all.stream().filter(n -> n instanceof Label).map(n -> (Label) n).toList();
        List<String> out = new ArrayList<>();
        for (Node node : all) {
            if (node instanceof ButtonBase button && (button.getText() == null || button.getText().isBlank())) {
                if (button.getTooltip() == null || button.getAccessibleText() == null || button.getAccessibleText().isBlank()) {
                    out.add(panel + ": icon button " + describe(node));
                }
            } else if ((node instanceof TextInputControl || node instanceof ComboBoxBase<?>) && !insideAnother(node)) {
                boolean labelled = labels.stream().anyMatch(l -> l.getLabelFor() == node);
                boolean named = node.getAccessibleText() != null && !node.getAccessibleText().isBlank();
                boolean prompted = node instanceof TextInputControl t && t.getPromptText() != null && !t.getPromptText().isBlank()
                        || node instanceof ComboBoxBase<?> c && c.getPromptText() != null && !c.getPromptText().isBlank();
                if (!labelled && !named && !prompted) {
                    out.add(panel + ": field " + describe(node));
                }
            }
        }
        return out;
    }

    /** A text field that is part of a combo box or a spinner is named by its owner. */
    private static boolean insideAnother(Node node) {
        for (Node at = node.getParent(); at != null; at = at.getParent()) {
            if (at instanceof ComboBoxBase<?> || at instanceof javafx.scene.control.Spinner<?>) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Node node, List<Node> into) {
        if (!node.isVisible()) {
            return;
        }
        into.add(node);
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, into);
            }
        }
    }

    private static String describe(Node node) {
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : " #" + node.getId());
    }
}
