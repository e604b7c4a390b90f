package io.promdeck.ui.common;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Opens a link in the operator's browser. The application installs the platform's opener (JavaFX HostServices) at
 * start; tests install one that records. Without either, a link is only logged as not opened.
 */
public final class Browser {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Browser.class);
    private static final AtomicReference<Consumer<String>> OPENER = new AtomicReference<>(url -> LOG.warn("no browser to open {}", url));

    private Browser() {
    }

    public static void install(Consumer<String> opener) {
        OPENER.set(opener);
    }

    /** Opens {@code url} when it is an http(s) link; anything else is ignored. */
    public static void open(String url) {
        if (isLink(url)) {
            OPENER.get().accept(url);
        }
    }

    public static boolean isLink(String text) {
        return text != null && (text.startsWith("http://") || text.startsWith("https://")) && !text.contains(" ");
    }
}
