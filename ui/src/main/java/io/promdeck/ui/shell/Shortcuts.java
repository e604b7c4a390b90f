package io.promdeck.ui.shell;

import java.util.List;

/** Every keyboard shortcut of the console, as the shortcut list (F1 or ?) shows them. */
public final class Shortcuts {

    /** One shortcut: the keys, where it works, and what it does. */
    public record Shortcut(String keys, String where, String does) {
    }

    /** Panels reached with Ctrl+digit, in this order (Ctrl+1 is the first). */
    static final List<String> NUMBERED_PANELS = List.of("Overview", "Prometheus", "Alertmanager", "Thanos", "Alerts", "Silences", "Events",
            "Logs", "Config", "Connect");

    private Shortcuts() {
    }

    public static List<Shortcut> all() {
        List<Shortcut> out = new java.util.ArrayList<>(List.of(
                new Shortcut("F1 or ?", "anywhere", "this list of shortcuts"),
                new Shortcut("F5 or Ctrl+R", "anywhere", "refresh every panel now"),
                new Shortcut("Ctrl+K", "anywhere", "switch the Kubernetes context"),
                new Shortcut("Ctrl+F", "anywhere", "search the alerts (opens the Alerts panel)")));
        for (int i = 0; i < NUMBERED_PANELS.size(); i++) {
            out.add(new Shortcut("Ctrl+" + ((i + 1) % 10), "anywhere", "show the " + NUMBERED_PANELS.get(i) + " panel"));
        }
        out.addAll(List.of(
                new Shortcut("Tab / Shift+Tab", "anywhere", "move to the next / previous control"),
                new Shortcut("Shift+F10 or Menu", "tables", "the selected row's actions and \"Copy as\""),
                new Shortcut("Ctrl+C", "tables", "copy the selected rows with their headers"),
                new Shortcut("Enter / Shift+Enter", "Logs search", "next / previous matching line"),
                new Shortcut("Alt+underlined letter", "buttons, fields", "press the button or focus the field (e.g. Alt+N new silence, "
                        + "Alt+T transport, Alt+F follow a log)"),
                new Shortcut("Escape", "dialogs, menus", "close without acting")));
        return out;
    }
}
