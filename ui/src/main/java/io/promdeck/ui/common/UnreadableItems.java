package io.promdeck.ui.common;

import io.promdeck.app.http.UnreadableItem;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Hyperlink;
import javafx.stage.Window;

/**
 * The line a panel shows when some items of a list reply could not be read ("1 alert could not be read — show"), and
 * the view of their raw text and reasons. The rest of the list works as usual.
 */
public final class UnreadableItems {

    private UnreadableItems() {
    }

    /** A link that is visible only while {@code items} is not empty and opens their details. */
    public static Hyperlink link(String id, String kind, ObservableList<UnreadableItem> items, Supplier<Window> owner) {
        Hyperlink link = new Hyperlink();
        link.setId(id);
        link.getStyleClass().add("problem");
        Runnable update = () -> {
            int n = items.size();
            link.setText(n == 1 ? "1 " + kind + " could not be read — show it" : n + " " + kind + "s could not be read — show them");
            link.setVisible(n > 0);
            link.setManaged(n > 0);
        };
        items.addListener((ListChangeListener<UnreadableItem>) c -> update.run());
        update.run();
        link.setOnAction(e -> ErrorDetails.show(owner.get(), "Unreadable " + kind + "s",
                link.getText().replace(" — show them", "").replace(" — show it", "") + "; the others are shown as usual.",
                describe(List.copyOf(items))));
        return link;
    }

    /** Each item's id, reason and raw text. */
    public static String describe(List<UnreadableItem> items) {
        StringBuilder out = new StringBuilder();
        for (UnreadableItem item : items) {
            out.append(item.kind()).append(item.id().isEmpty() ? "" : " " + item.id()).append(": ").append(item.reason()).append('\n')
                    .append(item.raw()).append("\n\n");
        }
        return out.toString();
    }
}
